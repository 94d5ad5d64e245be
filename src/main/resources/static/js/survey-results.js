// A survey's results: one chart per choice or rating question, drawn from the data- attributes of its box (the CSP
// forbids inline scripts); the table under each chart holds the same numbers. A pie of nothing counted yet stays empty
// (ECharts would otherwise split it evenly).
(function () {
  function draw(box) {
    var labels = (box.getAttribute('data-labels') || '').split('|');
    var counts = (box.getAttribute('data-counts') || '').split(',').map(function (n) { return Number(n); });
    var series = box.getAttribute('data-series');
    var chart = echarts.init(box);
    if (box.getAttribute('data-kind') === 'pie') {
      chart.setOption({
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { bottom: 0, type: 'scroll' },
        series: [{ name: series, type: 'pie', radius: ['35%', '65%'], top: 0, bottom: 30, stillShowZeroSum: false,
          data: labels.map(function (l, i) { return { name: l, value: counts[i] }; }) }]
      });
    } else {
      chart.setOption({
        color: ['#c8102e'],
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, overflow: 'truncate', width: 80 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: series, type: 'bar', data: counts }]
      });
    }
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.addEventListener('DOMContentLoaded', function () {
    if (!window.echarts) { return; }
    document.querySelectorAll('.survey-chart').forEach(draw);
  });
})();
