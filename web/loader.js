// TransferLab loader: checks for WebAssembly and WebGL2, picks the threaded build when the page is
// cross-origin isolated (SharedArrayBuffer available) and the single-threaded build otherwise,
// downloads it with a progress bar, and bridges files (picker and drag-and-drop) into the app.
// Everything is loaded from this page's own origin.
(function start() {
  'use strict';
  // web/coi.js may reload the page once to make it cross-origin isolated: start after it decides.
  var coi = window.transferlabCoi;
  if (coi && !coi.decided && coi.ready) return void coi.ready.then(start);

  var statusEl = document.getElementById('tl-status');
  var progressEl = document.getElementById('tl-progress');
  var overlay = document.getElementById('tl-loading');
  var fileInput = document.getElementById('tl-file');
  var dropHint = document.getElementById('tl-drop');

  var api = (window.transferlab = {
    build: null,       // 'threaded' or 'single'
    module: null,      // the Emscripten module once running
    ready: false,      // true after the first frame
    error: null,
    /** The app's observable state (see src/app/main.cpp: tl_test_state). */
    state: function () {
      var m = api.module;
      if (!m || !m._tl_test_state) return null;
      return JSON.parse(m.UTF8ToString(m._tl_test_state()));
    },
    /** The last ~600 frames: {frame_ms, cpu_ms, gl_ms, train_ms, interval_ms} arrays, oldest
     *  first (src/app/main.cpp: tl_perf_frames). */
    frames: function () {
      var m = api.module;
      if (!m || !m._tl_perf_frames) return null;
      return JSON.parse(m.UTF8ToString(m._tl_perf_frames()));
    },
  });

  function setStatus(text) {
    if (statusEl && text) statusEl.textContent = text;
  }
  function setProgress(fraction) {
    if (progressEl) progressEl.style.width = Math.round(Math.max(0, Math.min(1, fraction)) * 100) + '%';
  }
  function fail(message) {
    api.error = message;
    if (overlay) overlay.classList.remove('tl-hidden');
    if (statusEl) {
      statusEl.textContent = message;
      statusEl.classList.add('tl-error');
      statusEl.setAttribute('role', 'alert');
    }
    var bar = document.querySelector('.tl-bar');
    if (bar) bar.style.display = 'none';
  }

  // --- Capabilities ---------------------------------------------------------------------------
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail('TransferLab needs WebAssembly, which this browser does not support (or has turned off).');
    return;
  }
  var probe = document.createElement('canvas');
  var gl = null;
  try { gl = probe.getContext('webgl2'); } catch (e) { gl = null; }
  if (!gl) {
    fail('TransferLab needs WebGL2, which this browser does not provide (or it is turned off). ' +
         'Try a current Firefox, Chrome, Edge or Safari, or enable hardware acceleration.');
    return;
  }
  var lose = gl.getExtension('WEBGL_lose_context');
  if (lose) lose.loseContext();

  var isolated = self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
  var forced = new URLSearchParams(window.location.search).get('build');
  var threaded = isolated && forced !== 'single';
  var name = threaded ? 'transferlab_mt' : 'transferlab_st';
  api.build = threaded ? 'threaded' : 'single';
  var base = new URL('.', document.baseURI).href;

  // --- Files: picker and drag-and-drop ----------------------------------------------------------
  var pendingKind = 0;
  function deliver(file, kind) {
    if (!file) return;
    file.arrayBuffer().then(function (buf) {
      var m = api.module;
      if (!m) return;
      m.tlPendingFiles.push({kind: kind, name: file.name, bytes: new Uint8Array(buf)});
    }, function (err) {
      if (api.module) api.module.tlPendingFiles.push({kind: kind, name: file.name, bytes: new Uint8Array(0)});
      console.warn('TransferLab: could not read ' + file.name + ': ' + err);
    });
  }
  fileInput.addEventListener('change', function () {
    var f = fileInput.files && fileInput.files[0];
    deliver(f, pendingKind);
    fileInput.value = '';
  });
  var dragDepth = 0;
  function hasFiles(e) {
    return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], 'Files') >= 0;
  }
  window.addEventListener('dragenter', function (e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth++;
    dropHint.hidden = false;
  });
  window.addEventListener('dragover', function (e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('dragleave', function (e) {
    if (!hasFiles(e)) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) dropHint.hidden = true;
  });
  window.addEventListener('drop', function (e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth = 0;
    dropHint.hidden = true;
    var f = e.dataTransfer.files && e.dataTransfer.files[0];
    deliver(f, 0);
  });

  // --- Download with progress, then start -------------------------------------------------------
  function fetchWithProgress(url, onProgress) {
    return fetch(url, {credentials: 'same-origin'}).then(function (resp) {
      if (!resp.ok) throw new Error('HTTP ' + resp.status + ' for ' + url);
      var total = Number(resp.headers.get('Content-Length')) || 0;
      if (!resp.body || !resp.body.getReader) return resp.arrayBuffer();
      var reader = resp.body.getReader();
      var chunks = [];
      var got = 0;
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) {
            var out = new Uint8Array(got);
            var off = 0;
            chunks.forEach(function (c) { out.set(c, off); off += c.length; });
            return out.buffer;
          }
          chunks.push(r.value);
          got += r.value.length;
          if (total) onProgress(got / total, got);
          return pump();
        });
      }
      return pump();
    });
  }

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = url;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('could not load ' + url)); };
      document.body.appendChild(s);
    });
  }

  setStatus('Downloading the ' + (threaded ? 'threaded' : 'single-threaded') + ' build…');
  fetchWithProgress(base + name + '.wasm', function (f, got) {
    setProgress(0.85 * f);
    setStatus('Downloading… ' + Math.round(got / 1024) + ' KB');
  }).then(function (wasmBinary) {
    return loadScript(base + name + '.js').then(function () { return wasmBinary; });
  }).then(function (wasmBinary) {
    setStatus('Starting…');
    setProgress(0.9);
    var module = {
      wasmBinary: wasmBinary,
      locateFile: function (path) { return base + path; },
      tlPendingFiles: [],
      tlOpenFilePicker: function (kind) {
        pendingKind = kind | 0;
        fileInput.click();
      },
      tlReady: function () {
        api.ready = true;
        setProgress(1);
        if (overlay) overlay.classList.add('tl-hidden');
        setTimeout(function () { if (overlay && api.ready) overlay.style.display = 'none'; }, 400);
      },
      tlFatal: function (text) { fail(text); },
      print: function (text) { console.log(text); },
      printErr: function (text) { console.warn(text); },
      setStatus: function (text) {
        if (!text || api.ready) return;
        var m = /\((\d+)\/(\d+)\)/.exec(text);
        if (m && Number(m[2]) > 0) setProgress(0.85 + 0.1 * Number(m[1]) / Number(m[2]));
        setStatus(text.replace(/\(\d+\/\d+\)/, '').trim() || 'Starting…');
      },
      onAbort: function (what) { fail('TransferLab stopped: ' + what); },
    };
    api.module = module;  // files dropped while starting wait in tlPendingFiles
    return window.TransferLab(module).then(function (m) { api.module = m; });
  }).catch(function (err) {
    fail('TransferLab could not start: ' + (err && err.message ? err.message : err));
  });
})();
