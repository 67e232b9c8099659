#!/usr/bin/env node
// A small static file server for the TransferLab site on 127.0.0.1. By default it sends
//   Cross-Origin-Opener-Policy: same-origin
//   Cross-Origin-Embedder-Policy: require-corp
// so the page is cross-origin isolated and the threaded build can run (SharedArrayBuffer), and
//   Cross-Origin-Resource-Policy: cross-origin
// on every file: the site's files are public, so a course page on another origin that is itself
// cross-origin isolated may embed the page in an iframe and load web/embed.js (under its own
// COEP: require-corp a browser loads neither without this header). --corp same-origin (or
// same-site) keeps the files to the site's own pages.
// --no-isolation states the browser's defaults instead,
//   Cross-Origin-Opener-Policy: unsafe-none
//   Cross-Origin-Embedder-Policy: unsafe-none
// so the page is not isolated and runs the single-threaded build (web/coi.js reads them and
// registers no service worker; sw.js, where installed, keeps a policy the host states).
// --no-headers sends none of COOP, COEP and CORP, like a plain static host: the page then isolates
// itself through sw.js (web/coi.js registers it and reloads once) and runs the threaded build.
// --csp adds a strict Content-Security-Policy, the one a course site would use:
//   Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'
// (only the site's own files; no inline script or style, no eval; compiling WebAssembly allowed).
//
//   node web/serve.mjs [--root DIR] [--port N] [--host H] [--no-isolation | --no-headers]
//                      [--corp POLICY] [--csp] [--quiet]
//
// Prints "TransferLab: http://127.0.0.1:PORT/" once listening (port 0 picks a free one).
import {createServer} from 'node:http';
import {createReadStream, promises as fs} from 'node:fs';
import {extname, join, normalize, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(option('--root', join(here, '..')));
const port = Number(option('--port', '8080'));
const host = option('--host', '127.0.0.1');
const noHeaders = args.includes('--no-headers');
const isolation = !args.includes('--no-isolation') && !noHeaders;
if (noHeaders && args.includes('--no-isolation')) {
  console.error('serve: --no-headers and --no-isolation exclude each other');
  process.exit(2);
}
const quiet = args.includes('--quiet');
const csp = args.includes('--csp');
const corp = option('--corp', 'cross-origin');
if (!['cross-origin', 'same-site', 'same-origin'].includes(corp)) {
  console.error(`serve: --corp takes cross-origin, same-site or same-origin (got '${corp}')`);
  process.exit(2);
}
const kContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

function headers(extra) {
  const h = {
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  };
  if (!noHeaders) {
    h['Cross-Origin-Resource-Policy'] = corp;
    h['Cross-Origin-Opener-Policy'] = isolation ? 'same-origin' : 'unsafe-none';
    h['Cross-Origin-Embedder-Policy'] = isolation ? 'require-corp' : 'unsafe-none';
  }
  if (csp) h['Content-Security-Policy'] = kContentSecurityPolicy;
  return h;
}

const server = createServer(async (req, res) => {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers({Allow: 'GET, HEAD'}));
      res.end();
      return;
    }
    const url = new URL(req.url, 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403, headers({'Content-Type': 'text/plain'}));
      res.end('forbidden\n');
      return;
    }
    const stat = await fs.stat(file).catch(() => null);
    if (!stat || !stat.isFile()) {
      res.writeHead(404, headers({'Content-Type': 'text/plain'}));
      res.end('not found\n');
      return;
    }
    res.writeHead(200, headers({
      'Content-Type': types[extname(file).toLowerCase()] || 'application/octet-stream',
      'Content-Length': stat.size,
    }));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  } catch (err) {
    res.writeHead(500, headers({'Content-Type': 'text/plain'}));
    res.end('error\n');
  }
});

// A busy default port: try the next few.
let tries = 0;
server.on('error', (err) => {
  if (err.code === 'EADDRINUSE' && port !== 0 && tries < 20) {
    tries++;
    server.listen(port + tries, host);
    return;
  }
  console.error(`serve: ${err.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  const addr = server.address();
  const shown = host.includes(':') ? `[${host}]` : host;
  console.log(`TransferLab: http://${shown}:${addr.port}/` +
              (quiet ? '' : `  (${noHeaders ? 'no COOP/COEP/CORP headers: isolated by sw.js'
                                  : isolation ? 'cross-origin isolated: threaded build'
                                              : 'not isolated: single-threaded build'}; ` +
                            (csp ? 'strict CSP; ' : '') +
                            `serving ${root}; Ctrl+C stops)`));
});
