// Volunteer hours per college, one bar each; the numbers come from the page's data- attributes (the CSP forbids
// inline scripts), and the table beside the chart holds the same numbers.
(function () {
  function draw() {
    var box = document.getElementById('college-chart');
    if (!box || !window.echarts) { return; }
    var names = box.getAttribute('data-names') ? box.getAttribute('data-names').split('|') : [];
    var hours = box.getAttribute('data-hours') ? box.getAttribute('data-hours').split(',').map(Number) : [];
    var chart = echarts.init(box);
    chart.setOption({
      color: ['#c8102e'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ name: box.getAttribute('data-label'), type: 'bar', data: hours }]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.addEventListener('DOMContentLoaded', draw);
})();
