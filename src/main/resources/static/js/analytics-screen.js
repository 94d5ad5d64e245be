// The 大屏 (数据分析): fetches the scope's figures (counts, rates, organisations' names; nothing personal) every
// data-refresh seconds from data-url and draws them large on a dark screen, with a clock. Labels come from the
// page's data- attributes and from the figures themselves (the CSP forbids inline scripts).
(function () {
  var root, charts = {}, palette = ['#ff4d4f', '#ffd666', '#69c0ff', '#95de64', '#b37feb', '#ff9c6e', '#5cdbd3'];
  var text = { color: '#e8ecf8', fontSize: 18 };

  function pad(n) { return n < 10 ? '0' + n : '' + n; }

  function tick() {
    var now = new Date();
    document.getElementById('screen-clock').textContent = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' +
      pad(now.getDate()) + ' ' + pad(now.getHours()) + ':' + pad(now.getMinutes()) + ':' + pad(now.getSeconds());
  }

  function number(v) {
    return v == null ? (root.getAttribute('data-label-none') || '—') : Number(v).toLocaleString(root.getAttribute('data-locale') === 'en' ? 'en' : 'zh-CN');
  }

  function figure(f) {
    if (f.value == null) { return root.getAttribute('data-label-none') || '—'; }
    if (f.unit === 'RATE') { return (f.value * 100).toFixed(1) + '%'; }
    if (f.unit === 'COUNT') { return number(Math.round(f.value * 10) / 10); }
    return number(Math.round(f.value * 100) / 100);
  }

  function change(f) {
    if (f.value == null || f.previous == null) { return { text: '', cls: '' }; }
    var diff = f.value - f.previous;
    if (Math.abs(diff) < 1e-9) { return { text: root.getAttribute('data-label-same') || '=', cls: '' }; }
    var amount = f.unit === 'RATE' ? (Math.abs(diff) * 100).toFixed(1) + (root.getAttribute('data-label-points') || '') : number(Math.round(Math.abs(diff) * 100) / 100);
    var better = f.direction ? (diff > 0) === (f.direction === 'HIGHER_IS_BETTER') : null;
    return { text: (diff > 0 ? '↑' : '↓') + amount, cls: better === null ? '' : (better ? 'good' : 'bad') };
  }

  function chart(id) {
    var box = document.getElementById(id);
    if (!box) { return null; }
    if (!charts[id]) { charts[id] = echarts.init(box, null, { renderer: 'canvas' }); }
    return charts[id];
  }

  function bars(id, items, horizontal) {
    var c = chart(id);
    if (!c) { return; }
    var category = { type: 'category', data: items.map(function (b) { return b.label; }), axisLabel: text,
      axisLine: { lineStyle: { color: '#55608f' } } };
    var value = { type: 'value', minInterval: 1, axisLabel: text, splitLine: { lineStyle: { color: '#26305e' } } };
    if (horizontal) { category.inverse = true; }
    c.setOption({
      color: palette, textStyle: text, animationDuration: 600,
      grid: { left: 8, right: 24, top: 12, bottom: 8, containLabel: true },
      xAxis: horizontal ? value : category, yAxis: horizontal ? category : value,
      series: [{ type: 'bar', barMaxWidth: 48, data: items.map(function (b) { return b.count; }),
        label: { show: true, position: horizontal ? 'right' : 'top', color: '#e8ecf8', fontSize: 18 },
        itemStyle: { color: '#ff4d4f' } }]
    }, true);
  }

  function pie(id, items) {
    var c = chart(id);
    if (!c) { return; }
    c.setOption({
      color: palette, textStyle: text, animationDuration: 600,
      legend: { bottom: 0, textStyle: text },
      series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'],
        label: { color: '#e8ecf8', fontSize: 18, formatter: '{b}\n{c}' },
        data: items.map(function (b) { return { name: b.label, value: b.count }; }) }]
    }, true);
  }

  function funnel(id, items) {
    var c = chart(id);
    if (!c) { return; }
    c.setOption({
      color: palette, textStyle: text, animationDuration: 600,
      series: [{ type: 'funnel', sort: 'none', left: '6%', width: '88%', top: 8, bottom: 8, minSize: '15%',
        label: { show: true, position: 'inside', fontSize: 18, color: '#0b1026', formatter: '{b}：{c}' },
        data: items.map(function (b) { return { name: b.label, value: b.count }; }) }]
    }, true);
  }

  function render(data) {
    document.getElementById('kpi-total').textContent = number(data.members.total);
    document.getElementById('kpi-full').textContent = number(data.members.full);
    document.getElementById('kpi-probationary').textContent = number(data.members.probationary);
    var total = change({ value: data.members.total, previous: data.members.previousTotal, unit: 'COUNT' });
    document.getElementById('kpi-total-change').textContent = total.text ? (root.getAttribute('data-label-previous') + ' ' + total.text) : '';
    document.getElementById('screen-period').textContent = data.period;
    document.getElementById('screen-asof').textContent = data.asOf ? new Date(data.asOf).toLocaleString(root.getAttribute('data-locale') === 'en' ? 'en' : 'zh-CN', { hour12: false }) : '—';
    var figures = document.getElementById('screen-figures');
    figures.textContent = '';
    (data.figures || []).forEach(function (f) {
      var tile = document.createElement('div');
      tile.className = 'screen-kpi';
      var label = document.createElement('div');
      label.className = 'screen-kpi-label';
      label.textContent = f.label;
      var value = document.createElement('div');
      value.className = 'screen-kpi-value';
      value.textContent = figure(f);
      var c = change(f);
      var delta = document.createElement('div');
      delta.className = 'screen-kpi-change ' + c.cls;
      delta.textContent = c.text ? root.getAttribute('data-label-previous') + ' ' + c.text : '';
      tile.appendChild(label);
      tile.appendChild(value);
      tile.appendChild(delta);
      figures.appendChild(tile);
    });
    var byDimension = {};
    (data.breakdowns || []).forEach(function (b) { byDimension[b.dimension] = b; });
    Array.prototype.forEach.call(document.querySelectorAll('[data-breakdown-title]'), function (h) {
      var b = byDimension[h.getAttribute('data-breakdown-title')];
      if (b) { h.textContent = b.label; }
    });
    pie('chart-category', byDimension.category ? byDimension.category.bars : []);
    bars('chart-age', byDimension.age ? byDimension.age.bars : [], false);
    bars('chart-education', byDimension.education ? byDimension.education.bars : [], true);
    bars('chart-partyAge', byDimension.partyAge ? byDimension.partyAge.bars : [], false);
    funnel('chart-funnel', data.funnel || []);
    bars('chart-children', (data.children || []).map(function (c) { return { label: c.orgName, count: c.members }; }), true);
  }

  function load() {
    fetch(root.getAttribute('data-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (r.redirected || !r.ok) { throw new Error('status ' + r.status); }
        return r.json();
      })
      .then(function (data) {
        document.getElementById('screen-offline').hidden = true;
        render(data);
      })
      .catch(function () { document.getElementById('screen-offline').hidden = false; });
  }

  document.addEventListener('DOMContentLoaded', function () {
    root = document.getElementById('screen');
    if (!root || !window.echarts) { return; }
    tick();
    setInterval(tick, 1000);
    load();
    setInterval(load, Math.max(10, Number(root.getAttribute('data-refresh')) || 300) * 1000);
    document.getElementById('screen-full').addEventListener('click', function () {
      if (document.fullscreenElement) { document.exitFullscreen(); } else if (document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen();
      }
    });
    window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  });
})();
