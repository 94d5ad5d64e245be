// The 双带头人 share among teacher branches, one stacked bar per college: branches whose secretary is a 双带头人,
// and the others. The numbers come from the page's data- attributes (the CSP forbids inline scripts); the table
// beside the chart holds the same numbers.
(function () {
  function numbers(text) {
    return text ? text.split(',').map(function (n) { return Number(n); }) : [];
  }
  function draw() {
    var box = document.getElementById('dual-leader-chart');
    if (!box || !window.echarts) { return; }
    var labels = box.getAttribute('data-labels').split(',');
    var colleges = box.getAttribute('data-colleges') ? box.getAttribute('data-colleges').split('|') : [];
    var chart = echarts.init(box);
    chart.setOption({
      color: ['#c8102e', '#cfd4da'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: labels, top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: colleges, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        { name: labels[0], type: 'bar', stack: 'branches', data: numbers(box.getAttribute('data-dual')) },
        { name: labels[1], type: 'bar', stack: 'branches', data: numbers(box.getAttribute('data-others')) }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.addEventListener('DOMContentLoaded', draw);
})();
