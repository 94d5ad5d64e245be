// The study reader's heartbeat (the CSP forbids inline scripts, so everything comes from data- attributes):
// while the page is visible it reports every data-beat-seconds; once on load; once with visible:false when the
// page is hidden; and for a video or audio the ranges really played since the last beat ([from, to] in seconds,
// never the jump of a seek). The server decides what counts; the page only shows its answer. Nothing to click.
(function () {
  var root = document.getElementById('study-reader');
  var url = root && root.getAttribute('data-beat-url');
  if (!url) { return; }
  var every = Math.max(1, parseInt(root.getAttribute('data-beat-seconds'), 10) || 15) * 1000;
  var media = document.getElementById('study-media');
  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  // played ranges: a range runs while the media plays on; a seek, a pause or a jump closes it
  var played = [];
  var from = null;
  var last = null;
  function close() {
    if (from !== null && last !== null && last > from) { played.push([from, last]); }
    from = null;
    last = null;
  }
  function take() {
    var open = from !== null && last !== null && last > from;
    if (open) { played.push([from, last]); }
    var ranges = played.slice(-50);
    played = [];
    if (open) { from = last; }
    return ranges;
  }
  if (media) {
    media.addEventListener('timeupdate', function () {
      if (media.seeking) { return; }
      var t = media.currentTime;
      if (from === null || t < last || t - last > 3) {
        close();
        from = t;
      }
      last = t;
    });
    media.addEventListener('seeking', close);
    media.addEventListener('pause', close);
    media.addEventListener('ended', close);
  }

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    return Math.floor(s / 60) + ':' + (s % 60 < 10 ? '0' : '') + (s % 60);
  }
  function show(p) {
    if (!p) { return; }
    var isMedia = p.kind === 'VIDEO' || p.kind === 'AUDIO';
    var done = isMedia ? p.playedSeconds : p.effectiveSeconds;
    var needed = isMedia ? p.playedToFinish : p.secondsToFinish;
    var set = function (id, text) { var el = document.getElementById(id); if (el) { el.textContent = text; } };
    set('progress-done', clock(done));
    set('progress-needed', clock(needed));
    var bar = document.getElementById('progress-bar');
    if (bar) {
      var percent = p.finished ? 100 : needed > 0 ? Math.min(100, Math.floor(done * 100 / needed)) : 0;
      bar.setAttribute('data-progress', String(percent));
      bar.style.width = percent + '%';
    }
    var badge = document.getElementById('progress-finished');
    if (badge) { badge.classList.toggle('d-none', !p.finished); }
    var points = document.getElementById('points-today');
    if (points && typeof p.pointsToday === 'number') {
      points.textContent = points.getAttribute('data-label').replace('{0}', p.pointsToday);
      points.classList.remove('d-none');
    }
    root.setAttribute('data-finished', p.finished ? 'true' : 'false');
  }

  var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
  if (meta('_csrf') && meta('_csrf_header')) { headers[meta('_csrf_header')] = meta('_csrf'); }
  function beat(visible) {
    var body = JSON.stringify({ visible: visible, played: media ? take() : [] });
    return fetch(url, { method: 'POST', headers: headers, body: body, credentials: 'same-origin', keepalive: !visible })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(show)
      .catch(function () { /* offline for a moment: the next beat tries again */ });
  }

  beat(document.visibilityState === 'visible');
  window.setInterval(function () {
    if (document.visibilityState === 'visible') { beat(true); }
  }, every);
  document.addEventListener('visibilitychange', function () {
    // hidden: the time from here on earns nothing; visible again: the clock starts again from now (the time away
    // is not counted, so this beat too says not visible)
    beat(false);
  });
})();
