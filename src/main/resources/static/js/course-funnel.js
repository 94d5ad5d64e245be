// Where a course's people stop: per chapter, how many finished it and how many fell away before it (the largest
// drop marked). The numbers come from the page's data- attributes (the CSP forbids inline scripts); the table
// beside the chart holds the same numbers.
(function () {
  function numbers(text) {
    return text ? text.split(',').map(function (n) { return Number(n); }) : [];
  }
  function draw() {
    var box = document.getElementById('course-funnel');
    if (!box || !window.echarts) { return; }
    var labels = box.getAttribute('data-labels').split('|');
    var ids = box.getAttribute('data-ids').split(',');
    var worst = box.getAttribute('data-worst');
    var drop = numbers(box.getAttribute('data-drop'));
    var chart = echarts.init(box);
    chart.setOption({
      color: ['#2e7d32', '#c8102e'],
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        { name: box.getAttribute('data-done-label'), type: 'bar', data: numbers(box.getAttribute('data-done')) },
        { name: box.getAttribute('data-drop-label'), type: 'bar', data: drop.map(function (n, i) {
          return ids[i] === worst ? { value: n, itemStyle: { color: '#f0a030' } } : n;
        }) }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.addEventListener('DOMContentLoaded', draw);
})();
