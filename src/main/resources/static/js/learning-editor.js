// The material form: only the fields the chosen kind needs are shown (all of them without JavaScript), the
// article's text is written in TinyMCE (set up in rich-editor.js; the server sanitises whatever arrives), and a file
// over the limit is refused before it is uploaded.
(function () {
  var form = document.getElementById('material-form');
  if (!form) { return; }
  var kind = document.getElementById('kind');

  function showFor(value) {
    form.querySelectorAll('[data-for-kinds]').forEach(function (box) {
      var kinds = box.getAttribute('data-for-kinds').split(' ');
      box.hidden = value !== '' && kinds.indexOf(value) < 0;
    });
    var editor = window.tinymce && tinymce.get('body');
    if (value === 'ARTICLE' && window.tinymce && !editor) {
      start();
    } else if (value !== 'ARTICLE' && editor) {
      editor.remove();
    }
  }

  function start() {
    window.richEditor.start('#body');
  }

  form.addEventListener('submit', function (event) {
    if (window.tinymce && tinymce.get('body')) { tinymce.triggerSave(); }
    var file = document.getElementById('file');
    var max = Number(form.getAttribute('data-max-bytes'));
    if (file && !file.closest('[hidden]') && file.files.length && file.files[0].size > max) {
      event.preventDefault();
      file.classList.add('is-invalid');
      alert(form.getAttribute('data-too-large'));
    }
  });
  kind.addEventListener('change', function () { showFor(kind.value); });
  window.addEventListener('load', function () { showFor(kind.value); });
})();
