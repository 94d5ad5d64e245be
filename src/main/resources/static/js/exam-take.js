// Taking an exam on the phone (the CSP forbids inline scripts: everything comes from the page's data- attributes).
// - Each answer is saved as it is chosen (PUT …/answers/{questionId}); a question shows its save state.
// - A lost connection: answers wait in a queue (kept in localStorage, so a refresh while offline loses nothing)
//   and are sent again, oldest first, when the network is back.
// - The countdown is the server's: it starts from the page's remainingSeconds, every save answers the remaining
//   time again, and GET /api/v1/exam-attempts/{id} re-syncs it when the page comes back into view, gets the focus
//   or goes online, and once a minute. At zero the page says time is up and reloads once the server has submitted.
// - Submitting asks first, listing the questions still unanswered, and sends the waiting answers before it submits.
// Without this script the paper is a plain form whose button saves every answer and submits.
(function () {
  var root = document.getElementById('exam-paper');
  var form = document.getElementById('paper-form');
  if (!root || !form || !window.fetch) { return; }
  var api = root.getAttribute('data-api');
  var grace = Math.max(1, parseInt(root.getAttribute('data-grace'), 10) || 3);
  var storeKey = 'exam-attempt-' + root.getAttribute('data-attempt') + '-waiting';
  var countdown = document.getElementById('countdown');
  var connection = document.getElementById('connection');
  var answeredCount = document.getElementById('answered-count');
  var timeUpBox = document.getElementById('time-up');
  var submitButton = document.getElementById('submit-exam');
  var questions = Array.prototype.slice.call(form.querySelectorAll('fieldset[data-question]'));

  function msg(name) { return root.getAttribute('data-msg-' + name) || ''; }
  function format(text) {
    var args = Array.prototype.slice.call(arguments, 1);
    return text.replace(/\{(\d+)\}/g, function (m, i) { return args[i] === undefined ? m : args[i]; });
  }
  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }
  var csrfHeader = meta('_csrf_header');
  var csrfToken = meta('_csrf');
  function headers(json) {
    var h = { 'Accept': 'application/json' };
    if (json) { h['Content-Type'] = 'application/json'; }
    if (csrfHeader && csrfToken) { h[csrfHeader] = csrfToken; }
    return h;
  }
  function problemOf(response) {
    return response.json().then(function (body) { return (body && body.message) || String(response.status); },
      function () { return String(response.status); });
  }

  // ---- the countdown: the server's remaining time, counted down between syncs on a monotonic clock ----
  var endsAt = 0;
  var timeUp = false;
  var finished = false;
  function now() { return window.performance && performance.now ? performance.now() : Date.now(); }
  function clock(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return (h > 0 ? h + ':' + (m < 10 ? '0' : '') : '') + m + ':' + (s < 10 ? '0' : '') + s;
  }
  function left() { return Math.max(0, Math.ceil((endsAt - now()) / 1000)); }
  function tick() {
    var seconds = left();
    countdown.textContent = clock(seconds);
    countdown.setAttribute('data-remaining', String(seconds));
    countdown.classList.toggle('exam-low', seconds <= 300);
    if (seconds <= 0 && !timeUp) { onTimeUp(); }
  }
  function sync(remainingSeconds) {
    if (typeof remainingSeconds !== 'number' || finished) { return; }
    endsAt = now() + remainingSeconds * 1000;
    if (timeUp && remainingSeconds > 0) {
      // the server says there is time left after all (this device's clock ran fast)
      timeUp = false;
      timeUpBox.classList.add('d-none');
      setDisabled(false);
    }
    tick();
  }
  function reloadWhenDone() {
    if (finished) { return; }
    finished = true;
    window.location.reload();
  }
  function refresh() {
    if (finished) { return Promise.resolve(null); }
    return fetch(api, { headers: headers(false), credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (view) {
        if (!view) { return null; }
        if (view.submitted) { reloadWhenDone(); return view; }
        sync(view.remainingSeconds);
        return view;
      })
      .catch(function () { return null; });
  }
  function setDisabled(disabled) {
    questions.forEach(function (fs) { fs.disabled = disabled; });
    submitButton.disabled = disabled;
  }
  function onTimeUp() {
    timeUp = true;
    timeUpBox.classList.remove('d-none');
    setDisabled(true);
    pump();
    // the server takes answers already on their way for a few seconds more, then submits what was saved
    window.setTimeout(awaitSubmission, (grace + 1) * 1000);
  }
  function awaitSubmission() {
    if (finished) { return; }
    refresh().then(function (view) {
      if (finished || (view && view.remainingSeconds > 0)) { return; }
      window.setTimeout(awaitSubmission, view ? 2000 : 4000);
    });
  }
  sync(parseInt(root.getAttribute('data-remaining'), 10) || 0);
  window.setInterval(tick, 500);
  window.setInterval(function () { if (document.visibilityState === 'visible') { refresh(); } }, 60000);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') { refresh(); pump(); }
  });
  window.addEventListener('focus', function () { refresh(); });

  // ---- answers: read from the form, saved one by one through a queue that survives a refresh ----
  function fieldOf(questionId) { return form.querySelector('fieldset[data-question="' + questionId + '"]'); }
  function inputsOf(fs) { return Array.prototype.slice.call(fs.querySelectorAll('[name="q-' + fs.getAttribute('data-question') + '"]')); }
  function answerOf(fs) {
    var inputs = inputsOf(fs);
    var type = fs.getAttribute('data-type');
    var checked = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    switch (type) {
      case 'SINGLE': return checked.length ? checked[0] : null;
      case 'TRUE_FALSE': return checked.length ? checked[0] === 'true' : null;
      case 'MULTIPLE': return checked.length ? checked : null;
      case 'FILL':
        var blanks = inputs.map(function (i) { return i.value; });
        return blanks.some(function (b) { return b.trim() !== ''; }) ? blanks : null;
      default:
        var text = inputs.length ? inputs[0].value : '';
        return text.trim() === '' ? null : text;
    }
  }
  function putAnswer(fs, answer) {
    var inputs = inputsOf(fs);
    var type = fs.getAttribute('data-type');
    inputs.forEach(function (input, i) {
      if (input.type === 'radio' || input.type === 'checkbox') {
        var value = type === 'TRUE_FALSE' ? String(answer) : answer;
        input.checked = Array.isArray(value) ? value.indexOf(input.value) >= 0 : value === input.value;
      } else if (type === 'FILL') {
        input.value = Array.isArray(answer) && answer[i] !== undefined ? answer[i] : '';
      } else {
        input.value = answer === null ? '' : answer;
      }
    });
  }
  function answered(fs) { return fs.getAttribute('data-answered') === 'true'; }
  function countAnswered() {
    var n = questions.filter(answered).length;
    answeredCount.textContent = answeredCount.textContent.replace(/\d+(?=\s*\/)/, String(n));
  }
  function setState(questionId, state, text) {
    var el = document.getElementById('state-' + questionId);
    if (!el) { return; }
    el.setAttribute('data-state', state);
    el.textContent = text !== undefined ? text : state === 'empty' ? '' : msg(state);
  }
  questions.forEach(function (fs) {
    fs.setAttribute('data-answered', answerOf(fs) === null ? 'false' : 'true');
  });

  var waiting = {};
  var order = [];
  try {
    var kept = JSON.parse(window.localStorage.getItem(storeKey) || '{}');
    Object.keys(kept).forEach(function (id) {
      var fs = fieldOf(id);
      if (!fs) { return; }
      // an answer chosen offline before a refresh: it wins over the page's older saved one
      waiting[id] = kept[id];
      order.push(id);
      putAnswer(fs, kept[id].a);
      fs.setAttribute('data-answered', kept[id].a === null ? 'false' : 'true');
      setState(id, 'queued');
    });
  } catch (e) { /* no storage (private mode): the queue lives in this page only */ }
  countAnswered();
  function persist() {
    try {
      if (order.length) { window.localStorage.setItem(storeKey, JSON.stringify(waiting)); }
      else { window.localStorage.removeItem(storeKey); }
    } catch (e) { /* storage full or refused */ }
  }
  function enqueue(fs) {
    var id = fs.getAttribute('data-question');
    var answer = answerOf(fs);
    fs.setAttribute('data-answered', answer === null ? 'false' : 'true');
    countAnswered();
    waiting[id] = { a: answer, at: Date.now() };
    if (order.indexOf(id) < 0) { order.push(id); }
    persist();
    setState(id, inflight === null ? 'saving' : 'queued');
    pump();
  }

  var inflight = null;
  var retryTimer = null;
  var retryDelay = 1000;
  var offline = false;
  function showConnection(text) {
    connection.textContent = text || '';
    connection.classList.toggle('d-none', !text);
  }
  function retryLater(reason) {
    offline = true;
    showConnection(reason || msg('offline'));
    order.forEach(function (id) { setState(id, 'queued'); });
    if (retryTimer === null) {
      retryTimer = window.setTimeout(function () { retryTimer = null; pump(); }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    }
  }
  function backOnline() {
    if (offline) { offline = false; showConnection(null); }
    retryDelay = 1000;
  }
  function done(id, entry) {
    if (waiting[id] === entry) {
      delete waiting[id];
      order.splice(order.indexOf(id), 1);
      persist();
    }
  }
  // a new sign-in gives a new CSRF token: read it from a fresh copy of this page
  function renewToken() {
    return fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok && !r.redirected ? r.text() : null; })
      .then(function (html) {
        if (!html) { return false; }
        var page = new DOMParser().parseFromString(html, 'text/html');
        var token = page.querySelector('meta[name="_csrf"]');
        var fresh = token && token.getAttribute('content');
        if (fresh && fresh !== csrfToken) { csrfToken = fresh; return true; }
        return false;
      })
      .catch(function () { return false; });
  }
  function pump() {
    if (inflight !== null || finished || order.length === 0) {
      if (order.length === 0 && !finished) { backOnline(); }
      return;
    }
    var id = order[0];
    var entry = waiting[id];
    inflight = id;
    setState(id, 'saving');
    fetch(api + '/answers/' + id, {
      method: 'PUT', headers: headers(true), credentials: 'same-origin',
      body: JSON.stringify({ answer: entry.a })
    }).then(function (r) {
      if (r.ok) {
        done(id, entry);
        setState(id, waiting[id] ? 'queued' : entry.a === null ? 'empty' : 'saved');
        backOnline();
        return r.json().then(function (saved) { sync(saved.remainingSeconds); }, function () { });
      }
      if (r.status === 409) {
        // submitted (on another device) or out of time: the server has the last word
        done(id, entry);
        return problemOf(r).then(function (text) {
          setState(id, 'failed', format(msg('failed'), text));
          refresh().then(function (view) { if (view && !view.submitted && !timeUp) { onTimeUp(); } });
        });
      }
      if (r.status === 401 || r.status === 403) {
        return renewToken().then(function (renewed) { if (!renewed) { retryLater(msg('signed-out')); } });
      }
      if (r.status >= 400 && r.status < 500) {
        done(id, entry);
        return problemOf(r).then(function (text) { setState(id, 'failed', format(msg('failed'), text)); });
      }
      retryLater();
    }, function () {
      retryLater();
    }).catch(function () {
      retryLater();
    }).then(function () {
      inflight = null;
      if (!offline) { pump(); }
    });
  }
  window.addEventListener('online', function () {
    showConnection(order.length ? msg('online') : null);
    retryDelay = 1000;
    pump();
    refresh();
  });
  window.addEventListener('offline', function () { showConnection(msg('offline')); });

  var typing = {};
  form.addEventListener('change', function (e) {
    var fs = e.target.closest('fieldset[data-question]');
    if (fs) {
      window.clearTimeout(typing[fs.getAttribute('data-question')]);
      delete typing[fs.getAttribute('data-question')];
      enqueue(fs);
    }
  });
  form.addEventListener('input', function (e) {
    if (e.target.type === 'radio' || e.target.type === 'checkbox') { return; }
    var fs = e.target.closest('fieldset[data-question]');
    if (!fs) { return; }
    var id = fs.getAttribute('data-question');
    window.clearTimeout(typing[id]);
    typing[id] = window.setTimeout(function () { delete typing[id]; enqueue(fs); }, 800);
  });
  pump();

  // ---- submitting: ask first, then send what waits, then submit ----
  var dialogEl = document.getElementById('confirm-dialog');
  var dialog = window.bootstrap && dialogEl ? new window.bootstrap.Modal(dialogEl) : null;
  function flush(deadline) {
    return new Promise(function (resolve) {
      (function wait() {
        if (order.length === 0 && inflight === null) { resolve(true); return; }
        if (Date.now() > deadline) { resolve(false); return; }
        pump();
        window.setTimeout(wait, 200);
      })();
    });
  }
  function submit() {
    var button = document.getElementById('confirm-submit');
    button.disabled = true;
    // what was typed in the last moment, not yet sent
    Object.keys(typing).forEach(function (id) {
      window.clearTimeout(typing[id]);
      delete typing[id];
      var fs = fieldOf(id);
      if (fs) { enqueue(fs); }
    });
    flush(Date.now() + 10000).then(function () {
      return fetch(api + '/submit', { method: 'POST', headers: headers(true), credentials: 'same-origin' });
    }).then(function (r) {
      if (r.ok || r.status === 409) { reloadWhenDone(); return; }
      return problemOf(r).then(function (text) {
        button.disabled = false;
        document.getElementById('confirm-text').textContent = format(msg('submit-failed'), text);
      });
    }, function () {
      button.disabled = false;
      document.getElementById('confirm-text').textContent = format(msg('submit-failed'), msg('offline'));
    });
  }
  form.addEventListener('submit', function (e) {
    if (!dialog) { return; }
    e.preventDefault();
    var missing = questions.filter(function (fs) { return !answered(fs); })
      .map(function (fs) { return fs.getAttribute('data-number'); });
    document.getElementById('confirm-text').textContent = missing.length
      ? format(msg('unanswered'), missing.length, missing.join(msg('separator')))
      : msg('all-answered');
    document.getElementById('confirm-submit').disabled = false;
    dialog.show();
  });
  document.getElementById('confirm-submit').addEventListener('click', submit);
})();
