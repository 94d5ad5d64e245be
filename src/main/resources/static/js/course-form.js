// The course form offers a dozen chapter rows; show the filled ones and one empty row, and reveal one more per
// click on 添加章节. Without this script every row shows, and empty rows at the end are left out on the server.
(function () {
  document.addEventListener('DOMContentLoaded', function () {
    var rows = Array.prototype.slice.call(document.querySelectorAll('.course-chapter'));
    var button = document.getElementById('add-chapter');
    if (!rows.length || !button) { return; }
    var last = -1;
    rows.forEach(function (row, i) {
      if (row.getAttribute('data-filled') === 'true' || row.querySelector('.is-invalid')) { last = i; }
    });
    var shown = Math.max(last + 1, 0);
    rows.forEach(function (row, i) { if (i > shown) { row.classList.add('d-none'); } });
    function refresh() { button.classList.toggle('d-none', !rows.some(function (r) { return r.classList.contains('d-none'); })); }
    button.addEventListener('click', function () {
      var next = rows.find(function (r) { return r.classList.contains('d-none'); });
      if (next) { next.classList.remove('d-none'); next.querySelector('input').focus(); }
      refresh();
    });
    refresh();
  });
})();
