// Ustaz page script: an enhancement only — every page, form and quiz works without it.
// 1. Registers the service worker (/sw.js) that keeps a teacher's course readable offline.
// 2. On a course page, asks the worker to save the course's lessons and quizzes.
// 3. Quiz answers (and classroom-practical reports) that cannot be sent are kept in localStorage and sent once the
//    connection returns.
//    Each submission carries its own client_key, which the server counts once however often it arrives, and the id of
//    the draw (the set of questions) the page showed, fixed when the page was served, so a saved page stays valid.
// 4. On a lesson with a classroom kit, "save kit" keeps the kit's PDF on the phone (only when asked).
(function () {
  'use strict';
  var script = document.currentScript;
  var texts = {};
  try { texts = JSON.parse(script.getAttribute('data-texts') || '{}'); } catch (error) { texts = {}; }
  var QUEUE_KEY = 'ustaz.quiz-queue';
  var statusLine = null;

  function show(text, kind, link) {
    var main = document.getElementById('main');
    if (!main) return;
    if (!statusLine) {
      statusLine = document.createElement('p');
      statusLine.id = 'offline-status';
      statusLine.setAttribute('role', 'status');
      main.insertBefore(statusLine, main.firstChild);
    }
    statusLine.className = 'notice' + (kind ? ' ' + kind : '');
    statusLine.setAttribute('data-state', kind || '');
    statusLine.textContent = text;
    if (link) {
      var anchor = document.createElement('a');
      anchor.href = link;
      anchor.textContent = texts.result || link;
      statusLine.appendChild(document.createTextNode(' '));
      statusLine.appendChild(anchor);
    }
  }

  function readQueue() {
    try { return JSON.parse(localStorage.getItem(QUEUE_KEY) || '[]'); } catch (error) { return []; }
  }
  function writeQueue(queue) {
    try { localStorage.setItem(QUEUE_KEY, JSON.stringify(queue)); } catch (error) { /* storage full or disabled */ }
  }

  function freshKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  // Resolves to 'sent' (with the result's address), 'signin', or 'refused'; rejects when the network failed
  // or the server could not answer now (the answers stay queued).
  function send(item, tokenRenewed) {
    return fetch(item.action, {
      method: 'POST', credentials: 'same-origin', body: item.body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
    }).then(function (response) {
      var path = new URL(response.url).pathname;
      if (response.redirected && path === '/signin') return { state: 'signin' };
      if (response.ok) return { state: 'sent', url: response.url };
      if (response.status >= 500 || response.status === 429) throw new Error('server busy');
      if (response.status === 403 && !tokenRenewed) return renewToken(item);
      return { state: 'refused', status: response.status };
    });
  }

  // Answers kept since an earlier session carry that session's form token: take the current one from the
  // quiz page (same origin, the teacher's own session) and send once more; the client_key still counts it once.
  function renewToken(item) {
    return fetch(item.action, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) return { state: 'refused' };
      return response.text().then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var field = page.querySelector('form[data-queue] input[name="_csrf"]');
        if (!field) return { state: 'refused' };
        var body = new URLSearchParams(item.body);
        body.set('_csrf', field.value);
        item.body = body.toString();
        return send(item, true);
      });
    });
  }

  // An answered draw is spent: the phone's copy of that quiz page is fetched again, with the next attempt's questions
  // (or dropped when no attempt is left), so an offline visit never shows questions already answered. A sent report's
  // page is fetched again too, with its new state.
  function refreshSavedQuiz(action) {
    if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return;
    var path = new URL(action, location.href).pathname;
    navigator.serviceWorker.controller.postMessage({ type: 'save-pages', urls: [path] });
  }

  var flushing = false;
  function flush() {
    var queue = readQueue();
    if (flushing || queue.length === 0) return;
    flushing = true;
    show(texts.sending, 'pending');
    var lastResult = null, refused = false, needsSignIn = false;
    var next = function () {
      var current = readQueue();
      if (current.length === 0) return Promise.resolve(false);
      var item = current[0];
      return send(item).then(function (outcome) {
        if (outcome.state === 'signin') { needsSignIn = true; return false; }
        if (outcome.state === 'sent') { lastResult = outcome.url; refreshSavedQuiz(item.action); } else refused = true;
        writeQueue(readQueue().filter(function (queued) { return queued.key !== item.key; }));
        return true;
      });
    };
    var loop = function () { return next().then(function (more) { return more ? loop() : null; }); };
    loop().then(function () {
      if (needsSignIn) show(texts.signin, 'error');
      else if (refused) show(texts.refused, 'error', lastResult);
      else show(texts.sent, 'ok', lastResult);
    }, function () {
      show(texts.saved, 'pending');
    }).then(function () { flushing = false; });
  }

  function enhanceQuiz(form) {
    var keyField = form.querySelector('input[name="client_key"]');
    if (!keyField) return;
    // A page read from the phone's copy must not reuse the key of an earlier attempt.
    keyField.value = freshKey();
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var item = { key: keyField.value, action: form.action, body: new URLSearchParams(new FormData(form)).toString(), at: Date.now() };
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      send(item).then(function (outcome) {
        if (outcome.state === 'sent') { refreshSavedQuiz(item.action); location.assign(outcome.url); return; }
        if (button) button.disabled = false;
        // Answers the server could not accept as written (422): send the form itself, so its page says what to fix.
        if (outcome.status === 422) { form.submit(); return; }
        show(outcome.state === 'signin' ? texts.signin : texts.refused, 'error');
      }, function () {
        var queue = readQueue().filter(function (queued) { return queued.key !== item.key; });
        queue.push(item);
        writeQueue(queue);
        show(texts.saved, 'pending');
      });
    });
  }

  function saveCourse(list, registration) {
    var urls;
    try { urls = JSON.parse(list.getAttribute('data-offline-pages') || '[]'); } catch (error) { return; }
    var note = document.createElement('p');
    note.className = 'muted';
    note.id = 'offline-saved';
    note.setAttribute('role', 'status');
    note.textContent = texts.saving;
    list.parentNode.insertBefore(note, list);
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) {
      var saved = (event.data && event.data.saved) || [];
      var lessons = urls.filter(function (url) { return /^\/learn\//.test(url) && !/\/quiz$/.test(url); });
      var complete = lessons.every(function (url) { return saved.indexOf(url) >= 0; });
      note.textContent = complete ? list.getAttribute('data-saved-text') : texts.partial;
      note.setAttribute('data-saved', String(saved.length));
    };
    registration.active.postMessage({ type: 'save-pages', urls: urls }, [channel.port2]);
  }

  // "Save kit": the kit's PDF is kept on the phone only when the teacher asks for it.
  function enhanceKitButton(button, registration) {
    var url = button.getAttribute('data-save-kit');
    var note = document.createElement('span');
    note.className = 'muted kit-status';
    note.setAttribute('role', 'status');
    button.parentNode.appendChild(note);
    function state(name) {
      button.setAttribute('data-kit-state', name);
      note.textContent = texts[name] || '';
    }
    caches.open('ustaz-pages').then(function (cache) { return cache.match(url); })
      .then(function (hit) { if (hit) state('kitSaved'); }, function () { /* no cache storage */ });
    button.hidden = false;
    button.addEventListener('click', function () {
      state('kitSaving');
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { state(event.data && event.data.saved ? 'kitSaved' : 'kitNotSaved'); };
      registration.active.postMessage({ type: 'save-kit', url: url }, [channel.port2]);
    });
  }

  // Quiz answers and classroom-practical reports: forms marked data-queue wait on the phone when offline.
  var queued = document.querySelector('form[data-queue]');
  if (queued && window.fetch && window.URLSearchParams && window.FormData) enhanceQuiz(queued);
  if (!navigator.onLine) show(texts.offline, 'pending');
  if (readQueue().length > 0) {
    if (navigator.onLine) flush(); else show(texts.saved, 'pending');
  }
  window.addEventListener('online', flush);

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(function () {
      var list = document.querySelector('[data-offline-pages]');
      if (list && navigator.onLine) navigator.serviceWorker.ready.then(function (registration) { saveCourse(list, registration); });
      var kit = document.querySelector('[data-save-kit]');
      if (kit && window.caches) navigator.serviceWorker.ready.then(function (registration) { enhanceKitButton(kit, registration); });
    }, function () { /* no worker: pages still work online */ });
  }
})();
