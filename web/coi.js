// TransferLab: cross-origin isolation on hosts that cannot send the COOP/COEP headers.
//
// When the page is not cross-origin isolated, this registers the site's service worker (sw.js at
// the site root), which re-issues the site's own files with the isolation headers, and reloads the
// page once when the worker first takes control. The reload is guarded (sessionStorage): if it
// does not yield isolation, the page carries on with the single-threaded build and does not
// reload again. Nothing happens when the page is already isolated, in a frame (a frame is
// isolated only when the page around it is), without service workers or a secure context, with
// `?build=single`, with `?coi=0` (the opt-out), or when the host states a policy of its own for
// the page (its COOP/COEP headers, read from one GET of the page before registering).
//
// web/loader.js waits for the decision: window.transferlabCoi = {decided, state, ready}, where
// `ready` is a promise that resolves with the state once the page may load (and stays pending
// while the page reloads). States: isolated, off, single, framed, unsupported, declined (the host
// states a non-isolating policy, e.g. `unsafe-none`), controlled (the worker serves the page, yet
// it is not isolated), failed (the reload did not isolate the page, or the worker could not be
// registered), timeout.
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

  /** What the host says of isolation in a page's headers: 'isolating', 'declined' or ''. */
  function hostPolicy(headers) {
    var coop = headers.get('Cross-Origin-Opener-Policy');
    var coep = headers.get('Cross-Origin-Embedder-Policy');
    if ((coop !== null && coop.trim() !== 'same-origin') ||
        (coep !== null && !/^(require-corp|credentialless)\b/.test(coep.trim()))) {
      return 'declined';
    }
    return coop !== null && coep !== null ? 'isolating' : '';
  }

  // Reloads once (when the guard can be set and was not yet); otherwise carries on.
  function reloadOnce() {
    if (coi.decided || coi.state === 'reloading') return;
    if (tried || guard('1') !== '1') return settle('failed');
    coi.state = 'reloading';
    window.location.reload();
  }

  function registered(registration) {
    // Served by the worker and still not isolated: the host keeps the page as it is (or the
    // browser does not isolate through a worker). A reload would change nothing.
    if (sw.controller) return settle('controlled');
    // An active worker serves the next load (a forced reload bypassed it); a new one claims the
    // page once it is active.
    if (registration.active) return reloadOnce();
    sw.addEventListener('controllerchange', reloadOnce);
    setTimeout(function () { settle('timeout'); }, kTimeoutMs);
  }

  // Not yet served by the worker: ask the host first (a GET of this page, read for its headers).
  // A host that states its own policy keeps it, without a worker or a reload; one that sends the
  // isolating headers without isolating the page leaves nothing for a worker to add.
  var asked = sw.controller ? Promise.resolve('') :
      fetch(document.URL, {credentials: 'same-origin', cache: 'no-store'}).then(function (resp) {
        return hostPolicy(resp.headers);
      }, function () {
        return '';
      });
  asked.then(function (policy) {
    if (policy === 'declined') return settle('declined');
    if (policy === 'isolating') return settle('unsupported');
    return sw.register(new URL('sw.js', base).href, {scope: base.href})
        .then(registered, function () { settle('failed'); });
  });
})();
