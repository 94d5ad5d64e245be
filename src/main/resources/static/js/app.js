// Sends the CSRF token with every htmx request and asks before destructive plain-form submits.
// Lives in a file because the Content-Security-Policy forbids inline scripts.
(function () {
  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }
  document.addEventListener('htmx:configRequest', function (event) {
    var token = meta('_csrf');
    var header = meta('_csrf_header');
    if (token && header) {
      event.detail.headers[header] = token;
    }
  });
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = (event.submitter && event.submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (question && !form.hasAttribute('hx-post') && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  // keep the tree's highlight in step with the node shown on the right
  document.addEventListener('click', function (event) {
    var link = event.target.closest('.org-tree a');
    if (!link) { return; }
    document.querySelectorAll('.org-tree a.active').forEach(function (a) { a.classList.remove('active'); });
    link.classList.add('active');
  });
})();

// After a form comes back with mistakes, bring the first one into view (on a phone it may be far above).
(function () {
  function showFirstMistake(root) {
    var field = (root || document).querySelector('.is-invalid');
    if (field) {
      field.scrollIntoView({ block: 'center' });
      field.focus({ preventScroll: true });
    }
  }
  document.addEventListener('DOMContentLoaded', function () { showFirstMistake(document); });
  document.addEventListener('htmx:afterSwap', function (event) { showFirstMistake(event.detail.target); });
})();

// Progress bars take their width from data-progress (the CSP forbids inline styles); htmx refreshes them.
(function () {
  function widen(root) {
    (root || document).querySelectorAll('[data-progress]').forEach(function (bar) {
      bar.style.width = bar.getAttribute('data-progress') + '%';
    });
  }
  document.addEventListener('DOMContentLoaded', function () { widen(document); });
  document.addEventListener('htmx:afterSwap', function (event) { widen(event.detail.target.parentNode || document); });
  document.addEventListener('htmx:load', function (event) { widen(event.detail.elt); });
})();

// A file over the upload limit is refused in the browser at once, not after minutes of uploading.
document.addEventListener('change', function (event) {
  var input = event.target;
  if (!input.matches || !input.matches('input[type=file][data-max-bytes]')) { return; }
  var max = parseInt(input.getAttribute('data-max-bytes'), 10);
  var tooLarge = input.files && input.files.length > 0 && input.files[0].size > max;
  input.setCustomValidity(tooLarge ? input.getAttribute('data-too-large') : '');
  input.classList.toggle('is-invalid', tooLarge);
  var feedback = document.getElementById(input.getAttribute('aria-describedby'));
  if (feedback && tooLarge) { feedback.textContent = input.getAttribute('data-too-large'); }
});

// A form that hands something out once (the one-time passwords): after it is sent, say so instead of
// offering a button that can no longer work.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!form.hasAttribute('data-once')) { return; }
  window.setTimeout(function () {
    var note = document.createElement('p');
    note.className = 'mb-0 fw-semibold';
    note.textContent = form.getAttribute('data-done');
    form.replaceWith(note);
  }, 500);
});

// The meeting form's people picker: narrowed by typing a name; reloaded when the organisation changes.
document.addEventListener('input', function (event) {
  var box = event.target;
  if (!box.matches || !box.matches('[data-filter-choices]')) { return; }
  var wanted = box.value.trim();
  box.parentNode.querySelectorAll('[data-name]').forEach(function (row) {
    row.classList.toggle('d-none', wanted !== '' && row.getAttribute('data-name').indexOf(wanted) < 0);
  });
});
document.addEventListener('change', function (event) {
  if (event.target.name === 'invitees' && event.target.value !== 'CHOSEN') {
    var list = document.getElementById('invitee-choices');
    if (list) { list.replaceChildren(); }
  }
  if (!event.target.matches || !event.target.matches('[data-reload-choices]')) { return; }
  var chosen = document.getElementById('invitees-CHOSEN');
  if (chosen && chosen.checked && window.htmx) { window.htmx.trigger(chosen, 'change'); }
});

// A receipt's print button (no inline handlers under the CSP).
document.addEventListener('click', function (event) {
  if (event.target.closest && event.target.closest('[data-print]')) { window.print(); }
});

// The transfer form: the fields of the kind chosen (within the school, or out of it), the others out of the way.
(function () {
  function showKind() {
    var chosen = document.querySelector('input[name=kind]:checked');
    if (!chosen) { return; }
    document.querySelectorAll('[data-kind]').forEach(function (part) {
      part.classList.toggle('d-none', part.getAttribute('data-kind') !== chosen.value);
    });
  }
  document.addEventListener('DOMContentLoaded', showKind);
  document.addEventListener('change', function (event) {
    if (event.target.name === 'kind') { showKind(); }
  });
})();

// The meeting plan form: a 党小组会 is held by a 党小组, so it is offered only when a group is the organisation.
(function () {
  function onlyGroupsHoldGroupMeetings() {
    var org = document.querySelector('#plan-form select[name=orgId]');
    var type = document.querySelector('#plan-form select[name=type]');
    if (!org || !type) { return; }
    var chosen = org.options[org.selectedIndex];
    var group = chosen && chosen.getAttribute('data-org-type') === 'GROUP';
    Array.prototype.forEach.call(type.options, function (option) {
      if (option.value === 'GROUP_MEETING') {
        option.disabled = !group;
        option.hidden = !group;
        if (!group && option.selected) { type.value = ''; }
      }
    });
  }
  document.addEventListener('DOMContentLoaded', onlyGroupsHoldGroupMeetings);
  document.addEventListener('change', function (event) {
    if (event.target.matches && event.target.matches('#plan-form select[name=orgId]')) { onlyGroupsHoldGroupMeetings(); }
  });
})();

// A bounded organisation drop-down (data-chooser: a province's tens of thousands are listed level by level): choosing
// one lists the organisations below it, so any organisation is reached by choosing its parent first. The empty
// choices (全部, 请选择) stay, and so do the options marked data-chooser-keep (the question bank's organisations above
// the caller, which the level-by-level answer never holds); the chosen one stays chosen.
document.addEventListener('change', function (event) {
  var select = event.target;
  if (!select.matches || !select.matches('select[data-chooser]') || !select.value) { return; }
  var chosen = select.value;
  fetch(select.getAttribute('data-chooser') + '&chosen=' + encodeURIComponent(chosen),
    { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (chooser) {
      if (!chooser || select.value !== chosen) { return; }
      Array.prototype.slice.call(select.options).forEach(function (option) {
        if (option.value && !option.hasAttribute('data-chooser-keep')) { option.remove(); }
      });
      var kept = {};
      Array.prototype.slice.call(select.options).forEach(function (option) { kept[option.value] = true; });
      chooser.options.forEach(function (o) {
        if (kept[String(o.id)]) { return; }
        var option = new Option(o.label, String(o.id), false, String(o.id) === chosen);
        option.setAttribute('data-org-type', o.type);
        select.add(option);
      });
    });
});
