// The development funnel of a year (applications, activists, 发展对象, admitted, converted): the total as a
// funnel and, where there are several colleges, one bar per college and count. The numbers come from the
// page's data- attributes (the CSP forbids inline scripts); the table beside the chart holds the same numbers.
(function () {
  function numbers(text) {
    return text ? text.split(',').map(function (n) { return Number(n); }) : [];
  }
  function draw() {
    var box = document.getElementById('funnel-chart');
    if (!box || !window.echarts) { return; }
    var labels = box.getAttribute('data-labels').split(',');
    var total = numbers(box.getAttribute('data-total'));
    var colleges = box.getAttribute('data-colleges') ? box.getAttribute('data-colleges').split('|') : [];
    var keys = ['applications', 'activists', 'candidates', 'admitted', 'converted'];
    var colours = ['#c8102e', '#e35d3a', '#f0a030', '#2e7d32', '#1565c0'];
    var chart = echarts.init(box);
    var option;
    if (colleges.length > 1) {
      option = {
        color: colours,
        legend: { data: labels, top: 0 },
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: colleges, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
        series: keys.map(function (k, i) {
          return { name: labels[i], type: 'bar', data: numbers(box.getAttribute('data-' + k)) };
        })
      };
    } else {
      option = {
        color: colours,
        series: [{
          type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '10%',
          label: { show: true, position: 'inside', formatter: '{b}：{c}' },
          data: labels.map(function (l, i) { return { name: l, value: total[i] || 0 }; })
        }]
      };
    }
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.addEventListener('DOMContentLoaded', draw);
})();
