// The dashboard's charts (数据分析). Each card carries its chart's data as JSON in data-chart (the CSP forbids inline
// scripts): {kind: 'bar'|'funnel', unit, labels, links, series: [{name, data}]}. A click on a bar opens its link
// (the names behind it); the table beside the chart holds the same numbers and the same links for readers without JS.
(function () {
  var colours = ['#c8102e', '#f0a030', '#8c8c8c', '#2e7d32', '#1565c0', '#6a1b9a'];

  function option(data) {
    var unit = data.unit || '';
    if (data.kind === 'funnel') {
      return {
        color: colours,
        tooltip: { trigger: 'item', formatter: '{b}：{c}' },
        series: [{
          type: 'funnel', sort: 'none', left: '8%', width: '84%', minSize: '12%', top: 8, bottom: 8,
          label: { show: true, position: 'inside', formatter: '{b}：{c}' },
          data: data.labels.map(function (l, i) { return { name: l, value: data.series[0].data[i] || 0 }; })
        }]
      };
    }
    var horizontal = data.labels.length > 6;
    var category = { type: 'category', data: data.labels, axisLabel: { width: 110, overflow: 'truncate', interval: 0 } };
    var value = { type: 'value', minInterval: unit ? 0 : 1, axisLabel: { formatter: '{value}' + unit } };
    if (horizontal) { category.inverse = true; }
    return {
      color: colours,
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + unit; } },
      legend: data.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: 16, top: data.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: data.series.map(function (s) {
        return { name: s.name, type: 'bar', data: s.data, cursor: 'pointer', barMaxWidth: 36 };
      })
    };
  }

  function draw(box) {
    var data;
    try { data = JSON.parse(box.getAttribute('data-chart')); } catch (e) { return; }
    if (data.kind !== 'funnel' && data.labels.length > 6) {
      box.style.height = Math.max(260, data.labels.length * 28 + 60) + 'px';
    }
    var chart = echarts.init(box);
    chart.setOption(option(data));
    chart.on('click', function (p) {
      var link = data.links && data.links[p.dataIndex];
      if (link) { window.location.href = link; }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.echarts) { return; }
    Array.prototype.forEach.call(document.querySelectorAll('.analytics-chart[data-chart]'), draw);
    var org = document.getElementById('filter-org');
    var period = document.getElementById('filter-period');
    [org, period].forEach(function (select) {
      if (select) { select.addEventListener('change', function () { select.form.submit(); }); }
    });
  });
})();
