// TransferLab service worker: cross-origin isolation on a static host that cannot send headers.
//
// The threaded build needs SharedArrayBuffer, which a browser offers only to a cross-origin
// isolated page: its document must come with
//   Cross-Origin-Opener-Policy: same-origin
//   Cross-Origin-Embedder-Policy: require-corp
// and every file it loads must be allowed by Cross-Origin-Resource-Policy (or CORS). This worker
// re-issues the site's own responses with those headers added where the host sent none:
//   - documents (navigations): COOP same-origin, COEP require-corp, CORP cross-origin (the pages
//     are public: an isolated course page may frame them);
//   - other files of the site: COEP require-corp (a worker script needs it) and CORP same-origin.
// A header the host sends itself is kept, and a host that states a non-isolating COOP or COEP for
// a page (e.g. `unsafe-none`, web/serve.mjs --no-isolation) keeps its page as it is. Requests to
// other origins, anything but GET, ranged requests, and opaque or redirected responses pass
// through untouched; so does a page opened with `?coi=0` (the opt-out, see web/coi.js).
//
// web/coi.js registers this file from the site root (a worker's scope is its folder and below)
// and reloads the page once when the worker first takes control.
'use strict';

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

/** True when the host stated a policy for the page other than the isolating one. */
function hostDeclined(headers) {
  var coop = headers.get('Cross-Origin-Opener-Policy');
  var coep = headers.get('Cross-Origin-Embedder-Policy');
  return (coop !== null && coop.trim() !== 'same-origin') ||
         (coep !== null && !/^(require-corp|credentialless)\b/.test(coep.trim()));
}

/** The response with the isolation headers filled in, or the response itself. */
function isolate(response, navigation) {
  // Opaque and redirected responses cannot (or must not) be rebuilt: a rebuilt one would lose its
  // final URL. Status 0 marks an opaque or error response.
  if (response.type === 'opaque' || response.type === 'opaqueredirect' ||
      response.type === 'error' || response.status === 0 || response.redirected) {
    return response;
  }
  if (navigation && hostDeclined(response.headers)) return response;
  var headers = new Headers(response.headers);
  if (navigation && !headers.has('Cross-Origin-Opener-Policy'))
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (!headers.has('Cross-Origin-Embedder-Policy'))
    headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  if (!headers.has('Cross-Origin-Resource-Policy'))
    headers.set('Cross-Origin-Resource-Policy', navigation ? 'cross-origin' : 'same-origin');
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: headers,
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;  // other origins: the browser's own rules
  if (request.headers.has('Range')) return;          // partial content stays the network's
  // A request the worker may not re-issue (Chromium's DevTools makes these).
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  var navigation = request.mode === 'navigate';
  if (navigation && url.searchParams.get('coi') === '0') return;  // the opt-out
  event.respondWith(fetch(request).then(function (response) {
    return isolate(response, navigation);
  }, function () {
    return Response.error();  // offline or refused: the same network error the page would see
  }));
});
