// The question editor of a new survey: the form holds twenty question rows (all shown without JS); here only the
// filled ones and the first blank one show, "添加题目" shows the next, and the options box shows only for choice
// questions. Blank rows are left out by the server.
(function () {
  function filled(row) {
    return Array.prototype.some.call(row.querySelectorAll('input[type=text], textarea'), function (f) {
      return f.value.trim() !== '';
    }) || row.querySelector('.is-invalid') !== null;
  }
  function syncOptions(row) {
    var type = row.querySelector('select');
    var options = row.querySelector('.question-options');
    if (type && options) {
      options.classList.toggle('d-none', type.value !== 'SINGLE' && type.value !== 'MULTIPLE');
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    var rows = Array.prototype.slice.call(document.querySelectorAll('.question-row'));
    var add = document.getElementById('add-question');
    if (!rows.length || !add) { return; }
    var shownBlank = false;
    rows.forEach(function (row) {
      if (filled(row)) { return; }
      if (!shownBlank) { shownBlank = true; return; }
      row.classList.add('d-none');
    });
    rows.forEach(function (row) {
      syncOptions(row);
      var type = row.querySelector('select');
      if (type) { type.addEventListener('change', function () { syncOptions(row); }); }
    });
    add.classList.remove('d-none');
    add.addEventListener('click', function () {
      var next = rows.filter(function (r) { return r.classList.contains('d-none'); })[0];
      if (next) {
        next.classList.remove('d-none');
        var text = next.querySelector('input[type=text]');
        if (text) { text.focus(); }
      }
      if (!rows.some(function (r) { return r.classList.contains('d-none'); })) { add.classList.add('d-none'); }
    });
  });
})();
