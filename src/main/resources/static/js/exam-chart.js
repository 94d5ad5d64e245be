// An exam's score distribution: how many people scored in each tenth of the full mark. The numbers come from the
// page's data- attributes (the CSP forbids inline scripts); the table under the chart holds the same numbers.
(function () {
  function draw() {
    var box = document.getElementById('score-chart');
    if (!box || !window.echarts) { return; }
    var labels = (box.getAttribute('data-labels') || '').split('|');
    var counts = (box.getAttribute('data-counts') || '').split(',').map(function (n) { return Number(n); });
    var chart = echarts.init(box);
    chart.setOption({
      color: ['#c8102e'],
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: box.getAttribute('data-series'), type: 'bar', data: counts }]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.addEventListener('DOMContentLoaded', draw);
})();
