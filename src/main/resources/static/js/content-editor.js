// The content form (news, notices, features): the body in the shared editor (rich-editor.js) where pasted and
// chosen pictures are uploaded at once to POST /api/v1/content/images (re-encoded there; the editor gets their
// /content/images/... address), and the chosen cover picture shown before the form is sent.
//
// The form may say (data attributes on #content-form): data-image-max-bytes (the upload limit),
// data-image-too-large and data-image-failed (messages). A cover: <input type="file" id="cover"> with
// <img id="cover-preview" hidden>; if the form also has <input type="hidden" id="cover-url">, the cover is uploaded
// like a body picture and its address goes there (the file itself is then not sent with the form).
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

  // The cover: shown at once; uploaded like a body picture where the form keeps its address.
  var cover = document.getElementById('cover');
  var preview = document.getElementById('cover-preview');
  var coverUrl = document.getElementById('cover-url');
  var shown = null;
  if (cover) {
    cover.addEventListener('change', function () {
      cover.classList.remove('is-invalid');
      if (shown) { URL.revokeObjectURL(shown); shown = null; }
      var file = cover.files && cover.files[0];
      if (!file) {
        if (preview) { preview.hidden = true; }
        return;
      }
      if (file.size > maxBytes || !/^image\//.test(file.type)) {
        cover.classList.add('is-invalid');
        cover.value = '';
        if (preview) { preview.hidden = true; }
        window.alert(file.size > maxBytes ? tooLarge : failed);
        return;
      }
      if (preview) {
        shown = URL.createObjectURL(file);
        preview.src = shown;
        preview.hidden = false;
      }
      if (coverUrl) {
        upload(file, file.name).then(function (location) {
          coverUrl.value = location;
          cover.value = '';
          if (preview) { preview.src = location; }
        }, function (problem) {
          cover.classList.add('is-invalid');
          cover.value = '';
          if (preview) { preview.hidden = true; }
          window.alert(problem.message);
        });
      }
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
