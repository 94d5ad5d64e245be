// The rich text editor of 学习 and 宣传: TinyMCE (WebJar) with the Chinese UI strings and the options both share.
// window.richEditor.start(selector, extraOptions) starts it; the extra options are added to (or replace) the base
// ones. Whatever the editor sends, the server sanitises (shared.RichText), so the options here are for comfort only.
(function () {
  var translated = false;

  function translate() {
    if (translated || !window.tinymce) { return; }
    translated = true;
    tinymce.addI18n('zh_CN', {
      'Undo': '撤销', 'Redo': '重做', 'Bold': '加粗', 'Italic': '斜体', 'Underline': '下划线',
      'Align left': '左对齐', 'Align center': '居中', 'Align right': '右对齐', 'Bullet list': '项目符号',
      'Numbered list': '编号', 'Insert/edit link': '插入/编辑链接', 'Insert/edit image': '插入/编辑图片',
      'Table': '表格', 'Blocks': '段落格式', 'Paragraph': '正文', 'Heading 2': '标题 2', 'Heading 3': '标题 3',
      'Blockquote': '引用', 'Remove formatting': '清除格式', 'Save': '保存', 'Cancel': '取消', 'URL': '网址',
      'Text to display': '显示文字', 'Title': '标题', 'Source': '地址', 'Alternative description': '图片说明',
      'Width': '宽', 'Height': '高', 'Insert table': '插入表格', 'Rich Text Area': '正文编辑区',
      'Open link in...': '打开方式', 'Current window': '当前窗口', 'New window': '新窗口',
      'General': '常规', 'Upload': '上传', 'Browse for an image': '选择图片', 'Drop an image here': '把图片拖到这里',
      'Image is decorative': '装饰性图片', 'Image title': '图片标题', 'Constrain proportions': '保持比例',
      'Text color': '文字颜色', 'Background color': '背景颜色', 'Font sizes': '字号', 'Strikethrough': '删除线',
      'Justify': '两端对齐', 'Decrease indent': '减少缩进', 'Increase indent': '增加缩进',
      'Image uploading...': '图片上传中…', 'Failed to upload image: {0}': '图片上传失败：{0}'
    });
  }

  var base = {
    base_url: '/webjars/tinymce',
    suffix: '.min',
    menubar: false,
    branding: false,
    promotion: false,
    statusbar: false,
    height: 420,
    plugins: 'lists link image table',
    toolbar: 'undo redo | blocks | bold italic underline | alignleft aligncenter alignright | bullist numlist | link image table | removeformat',
    block_formats: 'Paragraph=p; Heading 2=h2; Heading 3=h3; Blockquote=blockquote',
    // what the server drops anyway: no scripts, frames, plugins or style sheets
    invalid_elements: 'script,iframe,object,embed,style,svg,math,form,input,button,meta,link,base',
    convert_urls: false
  };

  function start(selector, extraOptions) {
    translate();
    var options = { selector: selector, language: document.documentElement.lang === 'en' ? 'en' : 'zh_CN' };
    Object.keys(base).forEach(function (key) { options[key] = base[key]; });
    Object.keys(extraOptions || {}).forEach(function (key) { options[key] = extraOptions[key]; });
    return tinymce.init(options);
  }

  window.richEditor = { start: start };
})();
