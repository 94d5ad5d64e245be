// Sends the CSRF token with every htmx request and asks before destructive plain-form submits.
// Lives in a file because the Content-Security-Policy forbids inline scripts.
(function () {
  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }
  document.addEventListener('htmx:configRequest', function (event) {
    var token = meta('_csrf');
    var header = meta('_csrf_header');
    if (token && header) {
      event.detail.headers[header] = token;
    }
  });
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute('data-confirm');
    if (question && !form.hasAttribute('hx-post') && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  // keep the tree's highlight in step with the node shown on the right
  document.addEventListener('click', function (event) {
    var link = event.target.closest('.org-tree a');
    if (!link) { return; }
    document.querySelectorAll('.org-tree a.active').forEach(function (a) { a.classList.remove('active'); });
    link.classList.add('active');
  });
})();

// After a form comes back with mistakes, bring the first one into view (on a phone it may be far above).
(function () {
  function showFirstMistake(root) {
    var field = (root || document).querySelector('.is-invalid');
    if (field) {
      field.scrollIntoView({ block: 'center' });
      field.focus({ preventScroll: true });
    }
  }
  document.addEventListener('DOMContentLoaded', function () { showFirstMistake(document); });
  document.addEventListener('htmx:afterSwap', function (event) { showFirstMistake(event.detail.target); });
})();
