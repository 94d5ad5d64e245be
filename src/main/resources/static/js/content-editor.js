// The content form (news, notices, features): the body in the shared editor (rich-editor.js) where pasted and
// chosen pictures are uploaded at once to POST /api/v1/content/images (re-encoded there; the editor gets their
// /content/images/... address), and the chosen cover picture shown before the form is sent.
//
// The form may say (data attributes on #content-form): data-image-max-bytes (the upload limit),
// data-image-too-large and data-image-failed (messages). The cover's address is in the text field #cover (or
// #cover-url); a file chooser (#cover-file, added when missing) uploads a picture and fills it in, and
// #cover-preview (added when missing) shows it.
(function () {
  var form = document.getElementById('content-form');
  if (!form) { return; }

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  var maxBytes = Number(form.getAttribute('data-image-max-bytes')) || 10 * 1024 * 1024;
  var tooLarge = form.getAttribute('data-image-too-large') || '图片超过 ' + Math.round(maxBytes / 1048576) + ' MB，请压缩后再插入';
  var failed = form.getAttribute('data-image-failed') || '图片上传失败，请重试';

  // Uploads one picture; resolves with its address, rejects with the server's message (or ours).
  function upload(blob, filename, progress) {
    return new Promise(function (resolve, reject) {
      if (blob.size > maxBytes) {
        reject({ message: tooLarge, remove: true });
        return;
      }
      var data = new FormData();
      data.append('file', blob, filename || 'image');
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/v1/content/images');
      xhr.setRequestHeader('Accept', 'application/json');
      var token = meta('_csrf');
      var header = meta('_csrf_header');
      if (token && header) { xhr.setRequestHeader(header, token); }
      if (progress) {
        xhr.upload.onprogress = function (event) {
          if (event.lengthComputable) { progress(event.loaded / event.total * 100); }
        };
      }
      xhr.onload = function () {
        var answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (ignored) { answer = null; }
        if (xhr.status === 201 && answer && answer.location) {
          resolve(answer.location);
          return;
        }
        var message = answer && answer.errors && answer.errors.length ? answer.errors[0].message
          : (answer && answer.message) || failed;
        reject({ message: message, remove: true });
      };
      xhr.onerror = function () { reject({ message: failed, remove: true }); };
      xhr.send(data);
    });
  }

  function startEditor() {
    if (!document.getElementById('body') || !window.tinymce || !window.richEditor) { return; }
    window.richEditor.start('#body', {
      toolbar: 'undo redo | blocks fontsize | bold italic underline forecolor | alignleft aligncenter alignright alignjustify | bullist numlist | link image table | removeformat',
      // pictures pasted (a screenshot, a Word document) or chosen are uploaded at once and their address kept
      paste_data_images: true,
      automatic_uploads: true,
      images_file_types: 'jpeg,jpg,png,gif,bmp',
      image_uploadtab: true,
      images_reuse_filename: false,
      images_upload_handler: function (blobInfo, progress) {
        return upload(blobInfo.blob(), blobInfo.filename(), progress);
      },
      // the formatting of a pasted document that the server keeps too
      paste_webkit_styles: 'color background-color font-size font-weight font-style text-decoration text-align',
      font_size_formats: '12pt 14pt 16pt 18pt 22pt 26pt'
    });
  }

  // The cover: the form keeps its address (#cover, or #cover-url beside a file input #cover); a picture chosen is
  // shown at once, uploaded like a body picture and its address put in the field. Without a file input on the page
  // one is added under the address field.
  var cover = document.getElementById('cover');
  var coverUrl = document.getElementById('cover-url') || (cover && cover.type !== 'file' ? cover : null);
  var coverFile = document.getElementById('cover-file') || (cover && cover.type === 'file' ? cover : null);
  var ownImage = /^\/content\/images\/[A-Za-z0-9_-]{22}$/;
  if (coverUrl && !coverFile) {
    coverFile = document.createElement('input');
    coverFile.type = 'file';
    coverFile.id = 'cover-file';
    coverFile.accept = 'image/jpeg,image/png,image/gif,image/bmp';
    coverFile.className = 'form-control form-control-sm mt-1';
    if (coverUrl.labels && coverUrl.labels.length) { coverFile.setAttribute('aria-label', coverUrl.labels[0].textContent); }
    coverUrl.insertAdjacentElement('afterend', coverFile);
  }
  var preview = document.getElementById('cover-preview');
  if (!preview && coverFile) {
    preview = document.createElement('img');
    preview.id = 'cover-preview';
    preview.className = 'img-thumbnail mt-2';
    preview.width = 240;
    preview.alt = '';
    preview.hidden = true;
    coverFile.insertAdjacentElement('afterend', preview);
  }
  var shown = null;

  function showCover(src) {
    if (!preview) { return; }
    if (shown && shown !== src) { URL.revokeObjectURL(shown); shown = null; }
    preview.hidden = !src;
    if (src) { preview.src = src; } else { preview.removeAttribute('src'); }
  }

  if (coverUrl) {
    if (ownImage.test(coverUrl.value.trim())) { showCover(coverUrl.value.trim()); }
    coverUrl.addEventListener('input', function () {
      showCover(ownImage.test(coverUrl.value.trim()) ? coverUrl.value.trim() : null);
    });
  }
  if (coverFile) {
    coverFile.addEventListener('change', function () {
      coverFile.classList.remove('is-invalid');
      var file = coverFile.files && coverFile.files[0];
      if (!file) { return; }
      if (file.size > maxBytes) {
        coverFile.classList.add('is-invalid');
        coverFile.value = '';
        window.alert(tooLarge);
        return;
      }
      shown = URL.createObjectURL(file);
      showCover(shown);
      if (!coverUrl) { return; }
      upload(file, file.name).then(function (location) {
        coverUrl.value = location;
        coverFile.value = '';
        showCover(location);
      }, function (problem) {
        coverFile.classList.add('is-invalid');
        coverFile.value = '';
        showCover(ownImage.test(coverUrl.value.trim()) ? coverUrl.value.trim() : null);
        window.alert(problem.message);
      });
    });
  }

  // A picture still uploading would be sent as a blob: address the server drops: wait for it, then send.
  form.addEventListener('submit', function (event) {
    var editor = window.tinymce && tinymce.get('body');
    if (!editor) { return; }
    if (editor.getBody().querySelector('img[src^="blob:"]')) {
      event.preventDefault();
      event.stopImmediatePropagation();
      var submitter = event.submitter;
      editor.uploadImages().then(function () {
        tinymce.triggerSave();
        if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
      });
      return;
    }
    tinymce.triggerSave();
  }, true);
  window.addEventListener('load', startEditor);
})();
