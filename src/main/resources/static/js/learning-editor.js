// The material form: only the fields the chosen kind needs are shown (all of them without JavaScript), the
// article's text is written in TinyMCE (the server sanitises whatever arrives), and a file over the limit is
// refused before it is uploaded.
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
    tinymce.addI18n('zh_CN', {
      'Undo': '撤销', 'Redo': '重做', 'Bold': '加粗', 'Italic': '斜体', 'Underline': '下划线',
      'Align left': '左对齐', 'Align center': '居中', 'Align right': '右对齐', 'Bullet list': '项目符号',
      'Numbered list': '编号', 'Insert/edit link': '插入/编辑链接', 'Insert/edit image': '插入/编辑图片',
      'Table': '表格', 'Blocks': '段落格式', 'Paragraph': '正文', 'Heading 2': '标题 2', 'Heading 3': '标题 3',
      'Blockquote': '引用', 'Remove formatting': '清除格式', 'Save': '保存', 'Cancel': '取消', 'URL': '网址',
      'Text to display': '显示文字', 'Title': '标题', 'Source': '地址', 'Alternative description': '图片说明',
      'Width': '宽', 'Height': '高', 'Insert table': '插入表格', 'Rich Text Area': '正文编辑区',
      'Open link in...': '打开方式', 'Current window': '当前窗口', 'New window': '新窗口'
    });
    tinymce.init({
      selector: '#body',
      base_url: '/webjars/tinymce',
      suffix: '.min',
      language: document.documentElement.lang === 'en' ? 'en' : 'zh_CN',
      menubar: false,
      branding: false,
      promotion: false,
      statusbar: false,
      height: 420,
      plugins: 'lists link image table',
      toolbar: 'undo redo | blocks | bold italic underline | alignleft aligncenter alignright | bullist numlist | link image table | removeformat',
      block_formats: 'Paragraph=p; Heading 2=h2; Heading 3=h3; Blockquote=blockquote',
      // what the server keeps anyway: no scripts, no inline handlers, no data: images
      invalid_elements: 'script,iframe,object,embed,style',
      convert_urls: false
    });
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
