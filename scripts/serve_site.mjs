// Starts web/serve.mjs as a child process on a free port, for the browser tests
// (tests/e2e/e2e.mjs) and the page benchmark (bench/page.mjs).
import {spawn} from 'node:child_process';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Serves `root` with web/serve.mjs: with COOP/COEP when `isolated` (else `--no-isolation`), with
 * the strict Content-Security-Policy when `csp`. Resolves to {url, stop} once it listens.
 */
export function serveSite(root, isolated, {csp = true} = {}) {
  return new Promise((resolvePromise, reject) => {
    const argv = [join(repo, 'web', 'serve.mjs'), '--root', root, '--port', '0', '--quiet'];
    if (csp) argv.push('--csp');
    if (!isolated) argv.push('--no-isolation');
    const child = spawn(process.execPath, argv, {stdio: ['ignore', 'pipe', 'inherit']});
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolvePromise({url: m[1], stop: () => child.kill()});
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}
