// TransferLab course API, the lab's side: takes commands that the embedding page sends with
// TransferLab.mount (web/embed.js), runs them in the app (tl_api, src/app/app_api.cpp) and sends
// back answers and events (ready, step, done, error).
//
// Active only in an iframe whose address names a channel (#...&channel=ID, a random id per
// mount). A message counts only when it comes from the parent window, carries that channel and,
// when the address gives parent_origin=ORIGIN, comes from that origin; everything else is
// ignored. Commands are data (a name and values), never code. Answers and events go to the parent
// with targetOrigin parent_origin ('*' when none was given: they carry only figures).
(function () {
  'use strict';

  var kTag = 'transferlab-api';
  var kStepEventMs = 250;   // at most ~4 step events a second
  var kPollMs = 100;        // the status poll
  var kSettleMs = 10000;    // how long metrics() waits for earlier commands to take effect

  function hashParams() {
    var out = {};
    var h = window.location.hash.replace(/^#/, '');
    h.split('&').forEach(function (part) {
      if (!part) return;
      var eq = part.indexOf('=');
      var k = eq < 0 ? part : part.slice(0, eq);
      var v = eq < 0 ? '' : part.slice(eq + 1);
      try {
        out[decodeURIComponent(k)] = decodeURIComponent(v);
      } catch (e) { /* a malformed escape: not ours */ }
    });
    return out;
  }

  // Read once, now: the app rewrites the hash from its own state after its first frame.
  var params = hashParams();
  var channel = params.channel || '';
  var parentOrigin = params.parent_origin || '';
  var host = window.parent;
  if (!channel || !host || host === window) return;
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(channel)) {
    console.warn('TransferLab: ignoring a malformed API channel id');
    return;
  }
  if (parentOrigin && !/^https?:\/\/[^/\s]+$/.test(parentOrigin)) {
    console.warn('TransferLab: parent_origin must be an origin such as https://course.example.org');
    return;
  }
  var targetOrigin = parentOrigin || '*';

  function post(message) {
    message.tl = kTag;
    message.channel = channel;
    host.postMessage(message, targetOrigin);
  }
  function emit(event, data) {
    post({type: 'event', event: event, data: data || {}});
  }

  function lab() {
    var api = window.transferlab;
    var m = api && api.module;
    return api && api.ready && m && typeof m._tl_api === 'function' && typeof m.ccall === 'function' ? m : null;
  }
  function call(command) {
    var m = lab();
    if (!m) return {ok: false, error: 'the lab is not running'};
    try {
      return JSON.parse(m.ccall('tl_api', 'string', ['string'], [JSON.stringify(command)]));
    } catch (e) {
      return {ok: false, error: 'the lab could not run ' + command.cmd + ': ' + (e && e.message ? e.message : e)};
    }
  }
  function status() {
    var m = lab();
    if (!m) return null;
    try {
      return JSON.parse(m.UTF8ToString(m._tl_api_status()));
    } catch (e) {
      return null;
    }
  }

  // --- Commands: one at a time, in the order they came -----------------------------------------
  var kCommands = {play: 1, pause: 1, step: 1, reset: 1, set: 1, load: 1, metrics: 1};
  var queue = [];
  var busy = false;

  /** The command object for tl_api from a message (only the fields each command takes). */
  function command(d) {
    var c = {cmd: d.cmd};
    if (d.cmd === 'step') c.n = d.n === undefined ? 1 : d.n;
    if (d.cmd === 'set') { c.key = d.key; c.value = d.value; }
    if (d.cmd === 'load') { c.scenario = d.scenario; c.config = d.config; c.seed = d.seed; }
    return c;
  }

  function reply(d, answer) {
    if (!answer.ok) emit('error', {message: answer.error, command: d.cmd});
    post({type: 'reply', id: d.id, ok: !!answer.ok, error: answer.ok ? undefined : answer.error,
          result: answer.ok ? answer : undefined});
  }

  function figures(s) {
    return {step: s.step, total: s.total, done: s.done, playing: s.playing, metrics: s.metrics || {},
            config: s.config || {}, scenario: s.scenario, seed: s.seed};
  }

  function next() {
    if (busy || !queue.length || !lab()) return;
    var d = queue.shift();
    if (typeof d.cmd !== 'string' || !Object.prototype.hasOwnProperty.call(kCommands, d.cmd)) {
      reply(d, {ok: false, error: 'unknown command \'' + String(d.cmd).slice(0, 40) +
                                  '\'; commands: ' + Object.keys(kCommands).join(' ')});
      next();
      return;
    }
    if (d.cmd !== 'metrics') {
      reply(d, call(command(d)));
      poll();
      next();
      return;
    }
    // metrics: once the engine has taken the earlier commands (or after kSettleMs).
    busy = true;
    var t0 = Date.now();
    (function wait() {
      var s = call({cmd: 'metrics'});
      if (s.ok && !s.settled && Date.now() - t0 < kSettleMs) {
        setTimeout(wait, 30);
        return;
      }
      busy = false;
      reply(d, s.ok ? {ok: true, figures: figures(s)} : s);
      next();
    })();
  }

  window.addEventListener('message', function (e) {
    if (e.source !== host) return;
    if (parentOrigin && e.origin !== parentOrigin) return;
    var d = e.data;
    if (!d || typeof d !== 'object' || d.tl !== kTag || d.channel !== channel || d.type !== 'command') return;
    queue.push(d);
    next();
  });

  // --- Events: ready, then step (throttled), done (once per run), error -------------------------
  var readySent = false;
  var lastStep = -1, lastStepAt = 0, doneSent = false, lastError = '';

  function poll() {
    var s = status();
    if (!s || s.scenario === undefined) return;
    if (!readySent) {
      readySent = true;
      emit('ready', {scenario: s.scenario, seed: s.seed, step: s.step, total: s.total,
                     build: window.transferlab.build});
      next();
    }
    var now = Date.now();
    if (s.step !== lastStep && now - lastStepAt >= kStepEventMs) {
      lastStep = s.step;
      lastStepAt = now;
      emit('step', {step: s.step, total: s.total, scenario: s.scenario, time: now});
    }
    if (!s.done) {
      doneSent = false;  // training (again: Reset, Play after the end, a new setup)
    } else if (!doneSent && s.step === lastStep) {
      doneSent = true;
      emit('done', {step: s.step, total: s.total, scenario: s.scenario});
    }
    if (s.error !== lastError) {
      lastError = s.error;
      if (s.error) emit('error', {message: s.error});
    }
  }
  setInterval(function () {
    poll();
    next();
  }, kPollMs);
})();
