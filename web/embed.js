// Embedding TransferLab in another page, and driving it from the page (the course API).
//
//   <div id="lab"></div>
//   <script src="https://lab.example.org/transferlab/web/embed.js"></script>
//   <script src="course.js"></script>      // your own script (no inline script needed)
//
//   // course.js
//   var lab = TransferLab.mount(document.getElementById('lab'), {
//     src: 'https://lab.example.org/transferlab/index.html',
//     scenario: 'finetune-moons', seed: 7, config: {shots: 3}, controls: 'compact', height: 480,
//   });
//   lab.on('ready', function () { lab.play(); });
//   lab.on('done', function () {
//     lab.metrics().then(function (m) { console.log(m.metrics.target_acc); });
//   });
//
// mount() returns a handle: play(), pause(), step(n), reset(), set(key, value),
// load(scenario, config, seed), metrics() (a Promise of {step, total, done, metrics, scenario,
// seed}), on(event, callback) for 'ready', 'step', 'done' and 'error', off(event, callback) and
// destroy(). Commands given before the lab is ready wait for it. Every command returns a Promise
// of the lab's answer ({ok, error}); a refused one also fires 'error' with the message (for set:
// the command line's --set message) and changes nothing.
//
// Transport: window.postMessage with a random channel id per mount, passed to the lab in its
// address (#...&channel=ID&parent_origin=THIS_ORIGIN). This side accepts messages only from the
// iframe's window, with that channel, from the lab's origin (taken from `src`); the lab's side
// (web/api_bridge.js) accepts commands only from its parent window, with that channel, from
// parent_origin. Messages are data, never code.
//
// TransferLabEmbed.create(container, options) is the lower-level call: the iframe alone (no API).
//
// The iframe gets allow="cross-origin-isolated; clipboard-write": a page on another origin runs
// threaded only when the embedding page delegates cross-origin isolation to it, and its "Copy
// link" button needs the clipboard. Threads need the embedding page served with
//   Cross-Origin-Opener-Policy: same-origin
//   Cross-Origin-Embedder-Policy: require-corp
// and TransferLab's files with
//   Cross-Origin-Opener-Policy: same-origin
//   Cross-Origin-Embedder-Policy: require-corp
//   Cross-Origin-Resource-Policy: cross-origin
// (what web/serve.mjs sends by default); without isolation the single-threaded build runs, with
// the same features. See the README's "Embedding" and "Course API" sections.
(function (root) {
  'use strict';

  function enc(s) {
    return encodeURIComponent(String(s)).replace(/%2C/gi, ',');
  }

  /**
   * The location hash for a view: scenario, seed, config fields, embed flag; and for mount():
   * controls, lang, channel and parent_origin.
   */
  function hash(options) {
    var o = options || {};
    var parts = [];
    var controls = o.controls;
    if (o.scenario) parts.push('scenario=' + enc(o.scenario));
    if (o.seed !== undefined) parts.push('seed=' + enc(o.seed));
    var config = o.config || {};
    Object.keys(config).forEach(function (k) {
      var v = config[k];
      if (Array.isArray(v)) v = v.join(',');
      if (v === true) v = 1;
      if (v === false) v = 0;
      parts.push(enc(k) + '=' + enc(v));
    });
    if (controls === 'full') parts.push('controls=full');
    else if (o.embed !== false) parts.push('embed=1');
    if (controls === 'none') parts.push('controls=none');
    if (o.lang) parts.push('lang=' + enc(o.lang));
    if (o.channel) parts.push('channel=' + enc(o.channel));
    if (o.parent_origin) parts.push('parent_origin=' + encodeURIComponent(o.parent_origin));
    return parts.join('&');
  }

  /** Creates the iframe inside `container`; returns it. */
  function create(container, options) {
    var o = options || {};
    var src = o.src || 'index.html';
    var frame = document.createElement('iframe');
    frame.src = src.split('#')[0] + '#' + hash(o);
    frame.title = o.title || 'TransferLab: interactive transfer learning';
    frame.setAttribute('allow', 'cross-origin-isolated; clipboard-write');
    if (o.lazy !== false) frame.setAttribute('loading', 'lazy');
    frame.style.width = o.width || '100%';
    frame.style.height = (o.height || 480) + (typeof o.height === 'string' ? '' : 'px');
    frame.style.border = '0';
    frame.style.borderRadius = o.radius || '8px';
    container.appendChild(frame);
    return frame;
  }

  // --- The course API ----------------------------------------------------------------------------
  var kTag = 'transferlab-api';
  var kEvents = {ready: 1, step: 1, done: 1, error: 1};
  var kControls = {full: 1, compact: 1, none: 1};

  function randomId() {
    var bytes = new Uint8Array(16);
    (root.crypto || root.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  /** The origin of a URL (relative to this page), or '' when it has none (file:, data:). */
  function originOf(url) {
    try {
      var o = new URL(url, document.baseURI).origin;
      return o && o !== 'null' ? o : '';
    } catch (e) {
      return '';
    }
  }

  /**
   * Mounts a lab in `element` and returns its handle (see the top of this file). Options: src,
   * scenario, seed, config, controls ('full', 'compact' or 'none'), height, width, lang, title,
   * lazy, origin (this page's origin as the lab should check it; default location.origin).
   */
  function mount(element, options) {
    var o = {};
    var given = options || {};
    Object.keys(given).forEach(function (k) { o[k] = given[k]; });
    if (o.controls !== undefined && !kControls[o.controls])
      throw new Error('TransferLab.mount: controls must be full, compact or none, got ' + o.controls);
    o.channel = randomId();
    o.parent_origin = o.origin !== undefined ? o.origin : originOf(root.location.href);
    if (o.lazy === undefined) o.lazy = false;
    var labOrigin = originOf(o.src || 'index.html');
    var frame = create(element, o);

    var listeners = {ready: [], step: [], done: [], error: []};
    var pending = {};    // id -> resolve, for answers
    var outbox = [];     // commands given before 'ready'
    var nextId = 1;
    var ready = false;
    var destroyed = false;

    function fire(event, data) {
      listeners[event].slice().forEach(function (cb) {
        try {
          cb(data);
        } catch (e) {
          setTimeout(function () { throw e; }, 0);  // a listener's error does not stop the others
        }
      });
    }
    function deliver(message) {
      frame.contentWindow.postMessage(message, labOrigin || '*');
    }
    function send(cmd, fields) {
      if (destroyed) return Promise.resolve({ok: false, error: 'this lab was destroyed'});
      var message = {tl: kTag, channel: o.channel, type: 'command', id: nextId++, cmd: cmd};
      Object.keys(fields || {}).forEach(function (k) { message[k] = fields[k]; });
      return new Promise(function (resolve) {
        pending[message.id] = resolve;
        if (ready) deliver(message);
        else outbox.push(message);
      });
    }
    function onMessage(e) {
      if (e.source !== frame.contentWindow) return;
      if (labOrigin && e.origin !== labOrigin) return;
      var d = e.data;
      if (!d || typeof d !== 'object' || d.tl !== kTag || d.channel !== o.channel) return;
      if (d.type === 'reply') {
        var resolve = pending[d.id];
        delete pending[d.id];
        if (resolve) resolve(d.ok ? d.result || {ok: true} : {ok: false, error: d.error});
      } else if (d.type === 'event' && kEvents[d.event]) {
        if (d.event === 'ready') {
          if (ready) return;
          ready = true;
          outbox.splice(0).forEach(deliver);
        }
        fire(d.event, d.data || {});
      }
    }
    root.addEventListener('message', onMessage);

    var handle = {
      iframe: frame,
      play: function () { return send('play'); },
      pause: function () { return send('pause'); },
      /** Trains n more steps (1 to 1000), then stays paused. */
      step: function (n) { return send('step', {n: n === undefined ? 1 : n}); },
      reset: function () { return send('reset'); },
      /** A config field of the scenario: the value is checked as the command line's --set. */
      set: function (key, value) { return send('set', {key: key, value: value}); },
      /** Another scenario (or the same one afresh) with config fields and a seed. */
      load: function (scenario, config, seed) {
        if (scenario && typeof scenario === 'object') {
          seed = scenario.seed;
          config = scenario.config;
          scenario = scenario.scenario;
        }
        return send('load', {scenario: scenario, config: config || {}, seed: seed});
      },
      /** A Promise of {step, total, done, metrics, scenario, seed} once earlier commands took effect. */
      metrics: function () {
        return send('metrics').then(function (answer) { return answer.ok ? answer.figures : null; });
      },
      on: function (event, callback) {
        if (!kEvents[event]) throw new Error('TransferLab: unknown event ' + event + ' (ready, step, done, error)');
        if (typeof callback === 'function') listeners[event].push(callback);
        return handle;
      },
      off: function (event, callback) {
        if (kEvents[event]) listeners[event] = listeners[event].filter(function (cb) { return cb !== callback; });
        return handle;
      },
      isReady: function () { return ready; },
      destroy: function () {
        if (destroyed) return;
        destroyed = true;
        root.removeEventListener('message', onMessage);
        Object.keys(listeners).forEach(function (k) { listeners[k] = []; });
        Object.keys(pending).forEach(function (id) { pending[id]({ok: false, error: 'this lab was destroyed'}); });
        pending = {};
        outbox = [];
        if (frame.parentNode) frame.parentNode.removeChild(frame);
      },
    };
    return handle;
  }

  root.TransferLabEmbed = {create: create, hash: hash, mount: mount};
  root.TransferLab = root.TransferLab || {};
  root.TransferLab.mount = mount;
})(typeof window !== 'undefined' ? window : this);
