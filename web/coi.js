// TransferLab: cross-origin isolation on hosts that cannot send the COOP/COEP headers.
//
// When the page is not cross-origin isolated, this registers the site's service worker (sw.js at
// the site root), which re-issues the site's own files with the isolation headers, and reloads the
// page once when the worker first takes control. The reload is guarded (sessionStorage): if it
// does not yield isolation, the page carries on with the single-threaded build and does not
// reload again. Nothing happens when the page is already isolated, in a frame (a frame is
// isolated only when the page around it is), without service workers or a secure context, with
// `?build=single`, or with `?coi=0` (the opt-out).
//
// web/loader.js waits for the decision: window.transferlabCoi = {decided, state, ready}, where
// `ready` is a promise that resolves with the state once the page may load (and stays pending
// while the page reloads). States: isolated, off, single, framed, unsupported, controlled (the
// worker serves the page, yet the host keeps it un-isolated), failed (the reload did not isolate
// the page, or the worker could not be registered), timeout.
(function () {
  'use strict';

  var kGuard = 'transferlab.coi.reload';
  var kTimeoutMs = 8000;
  var settle;
  var coi = (window.transferlabCoi = {decided: false, state: '', ready: null});
  coi.ready = new Promise(function (resolve) {
    settle = function (state) {
      if (coi.decided) return;
      coi.decided = true;
      coi.state = state;
      resolve(state);
    };
  });

  function guard(value) {
    try {
      if (value === undefined) return window.sessionStorage.getItem(kGuard);
      if (value === null) window.sessionStorage.removeItem(kGuard);
      else window.sessionStorage.setItem(kGuard, value);
      return value;
    } catch (e) {
      return undefined;  // storage refused: no guard, so no reload
    }
  }

  var params = new URLSearchParams(window.location.search);
  if (window.crossOriginIsolated === true) {
    guard(null);
    settle('isolated');
    return;
  }
  if (params.get('coi') === '0') return settle('off');
  if (params.get('build') === 'single') return settle('single');
  if (self !== top) return settle('framed');
  if (!window.isSecureContext || !('serviceWorker' in navigator)) return settle('unsupported');

  var sw = navigator.serviceWorker;
  var base = new URL('.', document.baseURI);
  var tried = guard();

  // Reloads once (when the guard can be set and was not yet); otherwise carries on.
  function reloadOnce() {
    if (coi.decided || coi.state === 'reloading') return;
    if (tried || guard('1') !== '1') return settle('failed');
    coi.state = 'reloading';
    window.location.reload();
  }

  sw.register(new URL('sw.js', base).href, {scope: base.href}).then(function (registration) {
    // Served by the worker and still not isolated: the host keeps the page as it is (or the
    // browser does not isolate through a worker). A reload would change nothing.
    if (sw.controller) return settle('controlled');
    // An active worker serves the next load (a forced reload bypassed it); a new one claims the
    // page once it is active.
    if (registration.active) return reloadOnce();
    sw.addEventListener('controllerchange', reloadOnce);
    setTimeout(function () { settle('timeout'); }, kTimeoutMs);
  }, function () {
    settle('failed');
  });
})();
