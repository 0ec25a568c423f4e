// The page's script, served at /ui/workspace.js: refreshes the server-rendered message
// lists when the workspace changes (Server-Sent Events), and sends what the person types
// and clicks. It inserts only HTML the server escaped; it never builds markup from data.
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var body = document.body;
  var state = { channel: body.dataset.channel, thread: body.dataset.thread || '', user: body.dataset.user };
  var app = document.querySelector('.app');
  var messages = document.getElementById('messages');
  var threadPane = document.getElementById('thread-pane');
  var thread = document.getElementById('thread');
  var toast = document.getElementById('toast');
  var toastTimer;

  function query() {
    var params = new URLSearchParams({ channel: state.channel, user: state.user });
    if (state.thread) params.set('thread', state.thread);
    return params.toString();
  }

  function showToast(text) {
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.hidden = true; }, 6000);
  }

  function paintColors(root) {
    root.querySelectorAll('.attachment[data-color]').forEach(function (el) {
      el.style.setProperty('--bar', el.dataset.color);
    });
  }

  function nearBottom(el) {
    return el.scrollHeight - el.scrollTop - el.clientHeight < 60;
  }

  function replace(el, html) {
    var stick = nearBottom(el);
    el.innerHTML = html;
    paintColors(el);
    if (stick) el.scrollTop = el.scrollHeight;
  }

  var loading = false;
  var again = false;
  function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    fetch('/ui/view?' + query())
      .then(function (res) { return res.json(); })
      .then(function (view) {
        replace(messages, view.channelHtml);
        threadPane.hidden = !state.thread;
        app.classList.toggle('with-thread', Boolean(state.thread));
        replace(thread, view.threadHtml);
        body.dataset.version = String(view.version);
        body.dataset.thread = state.thread;
        history.replaceState(null, '', '/?' + query());
      })
      .catch(function (err) { showToast('Could not refresh: ' + err); })
      .finally(function () {
        loading = false;
        if (again) { again = false; refresh(); }
      });
  }

  function send(path, payload) {
    return fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    }).then(function (res) {
      return res.json().then(function (answer) {
        if (!answer.ok) showToast(answer.error || ('failed: HTTP ' + res.status));
        return answer;
      });
    }).catch(function (err) { showToast('Failed: ' + err); });
  }

  function clickButton(button) {
    var confirmText = button.dataset.confirm;
    if (confirmText && !window.confirm(confirmText)) return;
    button.disabled = true;
    send('/ui/action', {
      channel: button.dataset.channel,
      ts: button.dataset.ts,
      actionId: button.dataset.actionId,
      user: state.user,
    }).finally(function () { button.disabled = false; });
  }

  document.addEventListener('click', function (event) {
    var target = event.target.closest('button');
    if (!target) return;
    if (target.classList.contains('bk-button')) clickButton(target);
    else if (target.classList.contains('thread-link')) { state.thread = target.dataset.thread; refresh(); }
    else if (target.id === 'close-thread') { state.thread = ''; refresh(); }
  });

  function submitComposer(form, threadTs) {
    var box = form.querySelector('textarea');
    var text = box.value.trim();
    if (!text) return;
    var payload = { channel: state.channel, user: state.user, text: text };
    if (threadTs) payload.threadTs = threadTs;
    send('/ui/post', payload).then(function (answer) {
      if (answer && answer.ok) box.value = '';
    });
  }

  [['composer', false], ['thread-composer', true]].forEach(function (pair) {
    var form = document.getElementById(pair[0]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      submitComposer(form, pair[1] ? state.thread : '');
    });
    form.querySelector('textarea').addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
    });
  });

  document.getElementById('user').addEventListener('change', function (event) {
    state.user = event.target.value;
    document.querySelectorAll('.channel-link').forEach(function (link) {
      link.href = '/?channel=' + encodeURIComponent(link.dataset.channelId) + '&user=' + encodeURIComponent(state.user);
    });
    refresh();
  });

  paintColors(document);
  messages.scrollTop = messages.scrollHeight;
  var events = new EventSource('/ui/events');
  events.onmessage = function (event) {
    if (event.data !== body.dataset.version) refresh();
  };
})();
`;
