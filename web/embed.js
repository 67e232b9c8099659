// Embedding TransferLab in another page (an iframe in embed mode: a title line with the key
// figure, a compact control bar and the canvas).
//
//   <div id="lab"></div>
//   <script src="https://lab.example.org/transferlab/web/embed.js"></script>
//   <script>
//     TransferLabEmbed.create(document.getElementById('lab'), {
//       src: 'https://lab.example.org/transferlab/index.html',
//       scenario: 'basic-moons', seed: 7, config: {data: 'spiral', classes: 3}, height: 480,
//     });
//   </script>
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
// the same features. See the README's "Embedding" section.
(function (root) {
  'use strict';

  function enc(s) {
    return encodeURIComponent(String(s)).replace(/%2C/gi, ',');
  }

  /** The location hash for a view: scenario, seed, config fields, embed flag. */
  function hash(options) {
    var o = options || {};
    var parts = [];
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
    if (o.embed !== false) parts.push('embed=1');
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
    frame.setAttribute('loading', 'lazy');
    frame.style.width = o.width || '100%';
    frame.style.height = (o.height || 480) + (typeof o.height === 'string' ? '' : 'px');
    frame.style.border = '0';
    frame.style.borderRadius = o.radius || '8px';
    container.appendChild(frame);
    return frame;
  }

  root.TransferLabEmbed = {create: create, hash: hash};
})(typeof window !== 'undefined' ? window : this);
