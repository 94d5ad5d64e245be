// The exam form: show the people to pick only for 指定人员, the question list or the rule rows by the paper chosen,
// filter the question list by type, tag and text, and add or remove rule rows (the form offers a fixed number;
// without this script every row shows, and blank rows are left out on the server).
(function () {
  function checked(name) {
    var input = document.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : '';
  }
  function toggle(id, show) {
    var box = document.getElementById(id);
    if (box) { box.classList.toggle('d-none', !show); }
  }
  function audience() { toggle('members-box', checked('audience') === 'MEMBERS'); }
  function paper() {
    var drawn = checked('paper') === 'RULES';
    toggle('fixed-box', !drawn);
    toggle('rules-box', drawn);
  }

  function questions() {
    var type = document.getElementById('qtype');
    var tag = document.getElementById('qtag');
    var text = document.getElementById('qtext');
    var count = document.getElementById('picked-count');
    var rows = Array.prototype.slice.call(document.querySelectorAll('.question-row'));
    if (!type || !rows.length) { return; }
    function filter() {
      var t = type.value, g = tag.value, q = text.value.trim();
      rows.forEach(function (row) {
        var box = row.querySelector('input');
        var match = (!t || row.getAttribute('data-type') === t)
          && (!g || row.getAttribute('data-tags').split('|').indexOf(g) >= 0)
          && (!q || row.getAttribute('data-text').indexOf(q) >= 0);
        row.classList.toggle('d-none', !match && !box.checked);
      });
    }
    function picked() {
      if (!count) { return; }
      var n = rows.filter(function (row) { return row.querySelector('input').checked; }).length;
      count.textContent = count.getAttribute('data-template').replace('{0}', n);
    }
    type.addEventListener('change', filter);
    tag.addEventListener('change', filter);
    text.addEventListener('input', filter);
    rows.forEach(function (row) { row.querySelector('input').addEventListener('change', picked); });
  }

  function rules() {
    var rows = Array.prototype.slice.call(document.querySelectorAll('.exam-rule'));
    var add = document.getElementById('add-rule');
    if (!rows.length || !add) { return; }
    var last = 0;
    rows.forEach(function (row, i) {
      if (row.getAttribute('data-filled') === 'true' || row.querySelector('.is-invalid')) { last = i; }
    });
    rows.forEach(function (row, i) {
      if (i > last && row.getAttribute('data-filled') !== 'true') { row.classList.add('d-none'); }
    });
    function visible() { return rows.filter(function (r) { return !r.classList.contains('d-none'); }); }
    function refresh() {
      add.classList.toggle('d-none', visible().length === rows.length);
      var shown = visible();
      rows.forEach(function (row) {
        row.querySelector('.remove-rule').classList.toggle('d-none', shown.length < 2);
      });
    }
    add.addEventListener('click', function () {
      var next = rows.find(function (r) { return r.classList.contains('d-none'); });
      if (next) { next.classList.remove('d-none'); next.querySelector('select').focus(); }
      refresh();
    });
    rows.forEach(function (row) {
      row.querySelector('.remove-rule').addEventListener('click', function () {
        row.querySelectorAll('input, select').forEach(function (input) { input.value = ''; });
        row.classList.add('d-none');
        refresh();
        add.focus();
      });
    });
    refresh();
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('input[name="audience"]').forEach(function (r) { r.addEventListener('change', audience); });
    document.querySelectorAll('input[name="paper"]').forEach(function (r) { r.addEventListener('change', paper); });
    audience();
    paper();
    questions();
    rules();
  });
})();
