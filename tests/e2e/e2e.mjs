// Browser end-to-end tests of the page: playwright-core drives Debian's chromium (headless,
// SwiftShader WebGL2) against build/wasm/site served by web/serve.mjs, with and without the
// COOP/COEP headers and always with the strict Content-Security-Policy (serve.mjs --csp). The app
// exports its observable state (window.transferlab.state(), from src/app/main.cpp:
// tl_test_state), including widget rectangles to click.
//
// Every browser context gets the same watchers (watchedContext): a request that leaves the
// suite's own servers, a request other than a GET of a file, an HTTP error, a CSP violation, an
// uncaught error, a console error, a dialog or a popup is a problem, and each test fails on any.
//
//   node tests/e2e/e2e.mjs [--site DIR] [--artifacts DIR] [--docs] [--only NAME]
//
// --docs copies the main screenshot to docs/screenshot.png. Screenshots of every run are kept in
// the artifacts folder (default tests/e2e/artifacts/).
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, copyFileSync, readdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {inflateSync} from 'node:zlib';
import {chromium} from 'playwright-core';

import {serveSite} from '../../scripts/serve_site.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const site = resolve(opt('--site', join(repo, 'build', 'wasm', 'site')));
const artifacts = resolve(opt('--artifacts', join(here, 'artifacts')));
const only = opt('--only', '');
mkdirSync(artifacts, {recursive: true});

// --- Small helpers ------------------------------------------------------------------------------

function log(...a) { console.log('e2e:', ...a); }

class Failure extends Error {}
function check(cond, message) {
  if (!cond) throw new Failure(message);
}

/** Serves `root` (by default the site, with the strict CSP) on a free port; {url, stop}. */
function serve(isolated, {root = site, csp = true} = {}) {
  return serveSite(root, isolated, {csp});
}

/** Decodes an 8-bit RGB/RGBA, non-interlaced PNG (what chromium's screenshots are). */
function decodePng(buf) {
  let pos = 8;
  let width = 0, height = 0, colorType = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colorType = data[9];
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG');
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const px = Buffer.alloc(width * height * 4);
  const prev = Buffer.alloc(stride);
  const cur = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    raw.copy(cur, 0, y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let v = cur[i];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      px[(y * width + x) * 4] = cur[x * bpp];
      px[(y * width + x) * 4 + 1] = cur[x * bpp + 1];
      px[(y * width + x) * 4 + 2] = cur[x * bpp + 2];
      px[(y * width + x) * 4 + 3] = bpp === 4 ? cur[x * bpp + 3] : 255;
    }
    cur.copy(prev);
  }
  return {width, height, px};
}

async function state(page) {
  return page.evaluate(() => window.transferlab && window.transferlab.state());
}

async function waitState(page, predicate, what, timeout = 30000) {
  const t0 = Date.now();
  let s = null;
  while (Date.now() - t0 < timeout) {
    s = await state(page);
    if (s && predicate(s)) return s;
    await page.waitForTimeout(100);
  }
  throw new Failure(`timed out waiting for ${what}; last state: ${JSON.stringify(s)?.slice(0, 600)}`);
}

/**
 * Waits for `predicate` and (unless `view` is false) the scenario's method view data, then until the canvas's rectangle
 * and view stay the same between two reads (the method view's pane appears with its first data
 * and shrinks the canvas): positions read after this stay valid.
 */
async function waitSettled(page, predicate, what, {view = true, timeout = 30000} = {}) {
  const ready = (st) => predicate(st) && (!view || st.view);
  let s = await waitState(page, ready, what, timeout);
  const layout = (st) => JSON.stringify([st.canvas.rect, st.canvas.view, st.widgets.method_view]);
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(300);
    const t = await state(page);
    if (t && ready(t) && layout(t) === layout(s)) return t;
    s = t;
  }
  throw new Failure(`the layout did not settle after ${what}`);
}

function centre(rect) {
  return [rect[0] + rect[2] / 2, rect[1] + rect[3] / 2];
}

async function clickWidget(page, name) {
  let s = await waitState(page, (st) => st.widgets && st.widgets[name], `widget ${name}`);
  // Scroll its panel (mouse wheel over it) until the widget is on screen.
  const vh = page.viewportSize().height;
  let scrolled = false;
  for (let i = 0; i < 20 && centre(s.widgets[name])[1] > vh - 8; i++) {
    await page.mouse.move(centre(s.widgets[name])[0], vh / 2);
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(150);
    s = await state(page);
    scrolled = true;
  }
  // After a scroll, click only once the widget has stopped moving (frames can be slow).
  for (let i = 0; scrolled && i < 20; i++) {
    await page.waitForTimeout(150);
    const t = await state(page);
    const same = JSON.stringify(t.widgets[name]) === JSON.stringify(s.widgets[name]);
    s = t;
    if (same) break;
  }
  const [x, y] = centre(s.widgets[name]);
  await page.mouse.click(x, y);
  await page.waitForTimeout(120);
}

/** Screen position of a data point (canvas coordinates). */
function toScreen(s, x, y) {
  const [rx, ry, rw, rh] = s.canvas.rect;
  const [x0, x1, y0, y1] = s.canvas.view;
  return [rx + (x - x0) / (x1 - x0) * rw, ry + (y1 - y) / (y1 - y0) * rh];
}

// --- The browser ---------------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: process.env.TL_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--use-angle=swiftshader',
         '--enable-unsafe-swiftshader', '--disable-dev-shm-usage'],
});

// The strict policy every test server sends (web/serve.mjs --csp).
const kCsp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
// Origins of the suite's own servers (filled in once they listen): the only places a page may
// fetch from. Counters over the whole run, checked by the last test.
const ownOrigins = new Set();
const seen = {requests: 0, contexts: 0, cspReports: 0, outside: []};

// Injected by the driver into every frame before the page's scripts (not subject to the page's
// CSP): forwards each securitypolicyviolation event to the test.
function cspWatcher() {
  window.addEventListener('securitypolicyviolation', (e) => {
    const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : '';
    window.tlReportCsp(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}${where}` +
                       (e.sample ? ` [${e.sample}]` : ''));
  }, true);
}

/**
 * A browser context with the suite's shared watchers on every page and frame in it (see the top
 * of this file). Resolves to {context, problems}; `problems` fills as they happen.
 */
async function watchedContext(options) {
  const context = await browser.newContext(options);
  const problems = [];
  seen.contexts++;
  await context.exposeFunction('tlReportCsp', (text) => {
    seen.cspReports++;
    problems.push(`CSP violation: ${text}`);
  });
  await context.addInitScript(cspWatcher);
  context.on('request', (req) => {
    seen.requests++;
    const u = req.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (!ownOrigins.has(new URL(u).origin)) {
      problems.push(`request outside the site's origin: ${u}`);
      seen.outside.push(u);
    }
    // User data never leaves the browser: the page only ever reads its own files.
    if (req.method() !== 'GET' || req.postData() !== null) {
      problems.push(`request that is not a plain GET: ${req.method()} ${u}`);
      seen.outside.push(`${req.method()} ${u}`);
    }
  });
  context.on('requestfailed',
             (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  context.on('response', (resp) => {
    if (resp.status() >= 400) problems.push(`HTTP ${resp.status()} for ${resp.url()}`);
  });
  let pages = 0;
  context.on('page', (page) => {
    if (++pages > 1) problems.push(`a second page (popup) opened: ${page.url()}`);
    page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
    const onConsole = (where) => (msg) => {
      if (msg.type() === 'error' || /Content.Security.Policy/i.test(msg.text()))
        problems.push(`${where} ${msg.type()}: ${msg.text()}`);
    };
    page.on('console', onConsole('console'));
    page.on('worker', (worker) => worker.on('console', onConsole('worker console')));
    page.on('dialog', (dialog) => {
      problems.push(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
  });
  return {context, problems};
}

/** A page of the app (in a watched context of its own), started. */
async function openPage(baseUrl, {hash = '', query = '', viewport = {width: 1440, height: 900},
                                  scale = 1, home = false} = {}) {
  const {context, problems} = await watchedContext({viewport, deviceScaleFactor: scale,
                                                    acceptDownloads: true});
  const page = await context.newPage();
  await page.goto(baseUrl + query + (hash ? '#' + hash : ''));
  await page.waitForFunction(() => window.transferlab && (window.transferlab.ready ||
                                                         window.transferlab.error), null,
                             {timeout: 60000});
  const err = await page.evaluate(() => window.transferlab.error);
  check(!err, `the page did not start: ${err}`);
  // A link without a scenario opens the home grid; tests of the lab go past it.
  if (!home) {
    const s = await state(page);
    if (s && s.home) {
      await clickWidget(page, 'home_close');
      await waitState(page, (st) => !st.home, 'the home view to close');
    }
  }
  return {page, context, problems};
}

async function shot(page, name) {
  const file = join(artifacts, name + '.png');
  const buf = await page.screenshot({path: file});
  return {file, img: decodePng(buf)};
}

/** Colour statistics of the canvas area (excluding overlays near its edges). */
function canvasStats(img, s, scale = 1) {
  const [rx, ry, rw, rh] = s.canvas.rect.map((v) => v * scale);
  const bins = new Map();
  let nonBg = 0, total = 0;
  for (let y = Math.floor(ry + rh * 0.2); y < ry + rh * 0.8; y += 3) {
    for (let x = Math.floor(rx + rw * 0.1); x < rx + rw * 0.9; x += 3) {
      const i = (Math.floor(y) * img.width + Math.floor(x)) * 4;
      const r = img.px[i], g = img.px[i + 1], b = img.px[i + 2];
      total++;
      if (Math.abs(r - 17) + Math.abs(g - 19) + Math.abs(b - 24) > 24) nonBg++;
      // Hue-ish bins of the saturated pixels.
      const mx = Math.max(r, g, b), mn = Math.min(r, g, b);
      if (mx - mn > 18) bins.set(`${r >> 5},${g >> 5},${b >> 5}`, (bins.get(`${r >> 5},${g >> 5},${b >> 5}`) || 0) + 1);
    }
  }
  const colours = [...bins.values()].filter((n) => n > total * 0.01).length;
  return {nonBgFraction: nonBg / total, colours};
}

const results = [];
async function test(name, fn) {
  if (only && !only.split(',').some((o) => name.includes(o))) return;
  const t0 = Date.now();
  try {
    await fn();
    results.push({name, ok: true, ms: Date.now() - t0});
    log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (err) {
    results.push({name, ok: false, ms: Date.now() - t0, err});
    log(`FAIL ${name}: ${err.message}`);
    if (!(err instanceof Failure)) console.log(err.stack);
  }
}

const isolatedServer = await serve(true);
const plainServer = await serve(false);
ownOrigins.add(new URL(isolatedServer.url).origin);
ownOrigins.add(new URL(plainServer.url).origin);
log(`site ${site}`);
log(`servers ${isolatedServer.url} (COOP/COEP) and ${plainServer.url} (plain)`);
const timings = {};

try {
  await test('threaded build under the strict CSP: loads, trains, heatmap, downloads', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url);
    let s = await waitState(page, (st) => st.step !== undefined && st.in_sync && st.heatmap,
                            'first snapshot with a heatmap');
    check(s.build === 'threaded', `expected the threaded build, got ${s.build}`);
    check(s.isolated === true, 'page should be cross-origin isolated');
    check(s.thread_started === true, 'the training thread did not start');
    check(s.scenario === 'basic-moons', `default scenario ${s.scenario}`);
    check(s.data_source > 0, 'no data points');
    await page.waitForTimeout(300);
    const first = await shot(page, 'threaded-initial');
    const st0 = canvasStats(first.img, s);
    check(st0.nonBgFraction > 0.3, `heatmap looks blank (${(100 * st0.nonBgFraction).toFixed(0)}% coloured)`);
    // Train.
    await clickWidget(page, 'play');
    s = await waitState(page, (st) => st.step > 200 && st.history_len > 5, 'training to advance', 60000);
    check(s.training || s.done, 'engine should be training');
    check(s.loss < s.first_loss * 0.8, `loss did not decrease: first ${s.first_loss}, now ${s.loss}`);
    s = await waitState(page, (st) => st.done, 'training to finish', 60000);
    check(s.metrics.test_acc > 0.8, `test accuracy after training: ${s.metrics.test_acc}`);
    await page.waitForTimeout(400);
    const trained = await shot(page, 'threaded-trained');
    const st1 = canvasStats(trained.img, s);
    check(st1.nonBgFraction > 0.3 && st1.colours >= 2,
          `trained heatmap should show at least two class colours (got ${st1.colours})`);
    // The live region mirrors the key figures for screen readers.
    const live = await page.evaluate(() => document.getElementById('tl-live').textContent);
    check(/basic-moons/.test(live) && /step 840 of 840/.test(live) && /test_acc/.test(live),
          `live region: ${live}`);
    // Data out: metrics history CSV and the canvas as PNG.
    const fs = await import('node:fs');
    const [metricsDl] = await Promise.all([page.waitForEvent('download'),
                                           clickWidget(page, 'save_metrics')]);
    await metricsDl.saveAs(join(artifacts, 'metrics.csv'));
    const metricsCsv = fs.readFileSync(join(artifacts, 'metrics.csv'), 'utf8').trim().split('\n');
    check(/^step,batch_loss,.*test_acc/.test(metricsCsv[0]) && metricsCsv.length > 20,
          `metrics CSV: ${metricsCsv.length} lines, header ${metricsCsv[0]}`);
    const [pngDl] = await Promise.all([page.waitForEvent('download'), clickWidget(page, 'save_png')]);
    await pngDl.saveAs(join(artifacts, 'canvas-download.png'));
    const png = decodePng(fs.readFileSync(join(artifacts, 'canvas-download.png')));
    // The figure: the whole canvas at twice its CSS size.
    check(Math.abs(png.width - 2 * s.canvas.area[2]) <= 1 &&
              Math.abs(png.height - 2 * s.canvas.area[3]) <= 1,
          `canvas PNG ${png.width}x${png.height}, canvas ${s.canvas.area}`);
    timings.threaded = {frame_ms: s.frame_ms, ui_ms: s.ui_ms, fps: s.fps,
                        predict_ms: s.heatmap.predict_ms,
                        upload_ms: s.heatmap.upload_ms, steps_per_second: s.steps_per_second};
    // Live heatmap rate: serials per second while training at full speed.
    await clickWidget(page, 'play');  // "Again": restarts training
    const a = await waitState(page, (st) => st.training, 'training again');
    await page.waitForTimeout(1000);
    const b = await state(page);
    if (b.training) {
      const hz = (b.heatmap.serial - a.heatmap.serial) / 1.0;
      timings.threaded.heatmap_hz = hz;
      check(hz >= 10, `heatmap updates ${hz.toFixed(1)} per second while training (want >= 10)`);
    }
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('single-threaded build without COOP/COEP, under the strict CSP: loads and trains', async () => {
    const {page, context, problems} = await openPage(plainServer.url);
    let s = await waitState(page, (st) => st.step !== undefined && st.in_sync, 'first snapshot');
    check(s.build === 'single', `expected the single build, got ${s.build}`);
    check(s.isolated === false, 'plain server must not be isolated');
    check(s.thread_started === false, 'no training thread in the single build');
    await clickWidget(page, 'play');
    s = await waitState(page, (st) => st.step > 150 && st.history_len > 3, 'training to advance', 60000);
    check(s.loss < s.first_loss, `loss did not decrease: first ${s.first_loss}, now ${s.loss}`);
    const s2 = await waitState(page, (st) => st.frames > s.frames + 20, 'frames while training');
    timings.single = {frame_ms: s2.frame_ms, ui_ms: s2.ui_ms, engine_ms: s2.engine_ms,
                      predict_ms: s2.heatmap.predict_ms, upload_ms: s2.heatmap.upload_ms,
                      fps: s2.fps};
    // Training stays inside the frame's budget (8 ms of steps, plus a heatmap prediction now and
    // then); generous for a loaded machine rendering with software GL.
    check(s2.engine_ms < 40, `training takes ${s2.engine_ms.toFixed(1)} ms of each frame`);
    await shot(page, 'single-training');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('strict CSP: sent with every file; inline code, eval and foreign loads are refused and reported', async () => {
    // The header, on the document and on the scripts (a worker takes the policy of its script).
    for (const server of [isolatedServer, plainServer]) {
      for (const file of ['', 'web/loader.js', 'transferlab_mt.js', 'transferlab_mt.worker.js',
                          'transferlab_st.js', 'transferlab_st.wasm']) {
        const resp = await fetch(server.url + file, {method: 'HEAD'});
        check(resp.ok, `HEAD ${file}: HTTP ${resp.status}`);
        check(resp.headers.get('content-security-policy') === kCsp,
              `${server.url}${file}: Content-Security-Policy is '${resp.headers.get('content-security-policy')}'`);
      }
    }
    // The page's own code: no inline script, style or handler in index.html; nothing that
    // evaluates strings or reaches the embedding page in the scripts (the Emscripten glue is
    // linked with -sDYNAMIC_EXECUTION=0).
    const html = await (await fetch(plainServer.url)).text();
    check(!/<script\b(?![^>]*\bsrc=)/i.test(html), 'index.html has an inline <script>');
    check(!/<style\b|\sstyle\s*=|\son[a-z]+\s*=/i.test(html), 'index.html has inline style or an event handler');
    for (const file of ['web/loader.js', 'web/embed.js', 'transferlab_mt.js', 'transferlab_st.js',
                        'transferlab_mt.worker.js']) {
      const js = await (await fetch(plainServer.url + file)).text();
      const evals = js.match(/\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(\s*['"`]|setTimeout\s*\(\s*['"`]/g);
      check(!evals, `${file} evaluates strings: ${evals}`);
      const reach = js.match(new RegExp(String.raw`\b(top|parent|opener)\s*\.\s*location\b|` +
                                        String.raw`\bwindow\s*\.\s*(top|parent|opener|open)\b`, 'g'));
      check(!reach, `${file} reaches outside its frame: ${reach}`);
    }
    // In the browser: the started page has no violation; deliberate ones are refused and reported
    // (so the watcher that every test relies on does see them).
    const {page, context, problems} = await openPage(plainServer.url, {viewport: {width: 800, height: 600}});
    await waitState(page, (st) => st.in_sync, 'first snapshot');
    check(problems.length === 0, problems.join('\n'));
    // From a timer: code that the driver evaluates directly is exempt from the page's CSP.
    const outcome = await page.evaluate(() => new Promise((resolve) => setTimeout(() => {
      const out = {};
      try { out.eval = String(eval('1 + 1')); } catch (e) { out.eval = e.name; }
      try { out.fn = String(new Function('return 2')()); } catch (e) { out.fn = e.name; }
      const style = document.createElement('style');
      style.textContent = '#canvas { outline: 5px solid red; }';
      document.head.appendChild(style);
      const script = document.createElement('script');
      script.textContent = 'window.tlInlineRan = true;';
      document.body.appendChild(script);
      const img = new Image();
      img.src = 'http://127.0.0.1:9/tracker.png';  // refused: no traffic
      resolve(out);
    }, 0)));
    const t0 = Date.now();
    while (Date.now() - t0 < 5000 && problems.filter((p) => p.startsWith('CSP')).length < 5)
      await page.waitForTimeout(100);
    const reported = problems.filter((p) => p.startsWith('CSP')).join('\n');
    check(outcome.eval === 'EvalError' && outcome.fn === 'EvalError', `eval ran: ${JSON.stringify(outcome)}`);
    check(!(await page.evaluate(() => window.tlInlineRan)), 'an inline script ran');
    const outline = await page.evaluate(() => getComputedStyle(document.getElementById('canvas'))
                                                  .outlineStyle);
    check(outline !== 'solid', 'an inline <style> applied');
    for (const directive of ['script-src blocked eval', 'script-src-elem blocked inline',
                             'style-src-elem blocked inline', 'img-src blocked http://127.0.0.1:9/'])
      check(reported.includes(directive), `no '${directive}' report; got:\n${reported}`);
    // The refused image is the one deliberate request elsewhere of the whole run.
    const tracker = 'http://127.0.0.1:9/tracker.png';
    check(seen.outside.includes(tracker), 'the request watcher did not see the refused image');
    seen.outside = seen.outside.filter((u) => u !== tracker);
    check(problems.every((p) => /CSP|Content.Security.Policy/.test(p) || p.includes(tracker)),
          `unexpected problems:\n${problems.join('\n')}`);
    await context.close();
  });

  await test('sketching: clicks add points of two classes, undo, hash round-trip', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url);
    let s = await waitState(page, (st) => st.in_sync && st.canvas, 'first snapshot');
    await clickWidget(page, 'clear');
    s = await waitState(page, (st) => st.points.sketch_active && st.points.sketch_source === 0,
                        'an empty sketch');
    const add = async (pts) => {
      for (const [x, y] of pts) {
        const cur = await state(page);
        const [sx, sy] = toScreen(cur, x, y);
        await page.mouse.click(sx, sy);
        await page.waitForTimeout(60);
      }
    };
    await clickWidget(page, 'class_0');
    await add([[-1, 0.6], [-1.2, 0.2], [-0.7, 0.9], [-0.9, -0.2], [-1.4, 0.7]]);
    await clickWidget(page, 'class_1');
    await add([[1, -0.6], [1.2, -0.2], [0.7, -0.9], [0.9, 0.2], [1.4, -0.7]]);
    s = await waitState(page, (st) => st.points.sketch_source === 10, '10 sketched points');
    // A drag paints several points.
    const [dx0, dy0] = toScreen(s, 0.2, 1.2);
    await page.mouse.move(dx0, dy0);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) {
      await page.mouse.move(dx0 + i * 12, dy0 + i * 2);
      await page.waitForTimeout(30);
    }
    await page.mouse.up();
    s = await waitState(page, (st) => st.points.sketch_source > 12, 'painted points');
    const painted = s.points.sketch_source;
    await clickWidget(page, 'undo');
    s = await waitState(page, (st) => st.points.sketch_source === 10, 'undo of the stroke');
    s = await waitState(page, (st) => st.in_sync && st.hash.includes('pts='), 'hash with points');
    await clickWidget(page, 'play');
    s = await waitState(page, (st) => st.step > 30, 'training on the sketch', 60000);
    await page.waitForTimeout(800);
    await shot(page, 'sketch-training');
    // Round trip: open the same address in a new page.
    const hash = await page.evaluate(() => window.location.hash.slice(1));
    check(hash.includes('scenario=basic-moons') && hash.includes('seed=') && hash.includes('lr='),
          `hash lacks fields: ${hash}`);
    const second = await openPage(isolatedServer.url, {hash});
    const s2 = await waitState(second.page, (st) => st.in_sync, 'second page');
    check(s2.points.sketch_source === 10, `round trip: ${s2.points.sketch_source} points, want 10`);
    check(s2.hash === hash, `round trip changed the hash:\n${hash}\n${s2.hash}`);
    check(painted > 12, 'painting added points');
    // Data out: the sketch as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), clickWidget(page, 'save_data')]);
    const csvPath = join(artifacts, 'sketch-data.csv');
    await download.saveAs(csvPath);
    const csv = (await import('node:fs')).readFileSync(csvPath, 'utf8').trim().split('\n');
    check(download.suggestedFilename() === 'basic-moons-data.csv', `file ${download.suggestedFilename()}`);
    check(csv.length === 11 && /label/.test(csv[0]), `data CSV: ${csv.length} lines, header ${csv[0]}`);
    check(problems.length === 0 && second.problems.length === 0,
          problems.concat(second.problems).join('\n'));
    await second.context.close();
    await context.close();
  });

  await test('touch: a tap adds a point', async () => {
    const {context, problems} = await watchedContext({viewport: {width: 1024, height: 768},
                                                      hasTouch: true, isMobile: false});
    const page = await context.newPage();
    await page.goto(isolatedServer.url + '#scenario=basic-moons&points=100');
    await page.waitForFunction(() => window.transferlab && window.transferlab.ready);
    let s = await waitState(page, (st) => st.in_sync && st.canvas, 'first snapshot');
    const before = s.data_source + s.data_target;
    const [x, y] = toScreen(s, 0.3, 0.2);
    await page.touchscreen.tap(x, y);
    s = await waitState(page, (st) => st.points.sketch_active && st.points.sketch_source === before + 1,
                        'a point from a tap');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('URL state: config fields and seed apply; a broken hash falls back with a notice', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url,
                                                     {hash: 'scenario=basic-moons&seed=42&noise=0.25&points=200&data=circles'});
    let s = await waitState(page, (st) => st.in_sync, 'state from the hash');
    check(s.seed === 42, `seed ${s.seed}`);
    check(s.hash.includes('noise=0.25') && s.hash.includes('points=200') && s.hash.includes('data=circles'),
          `config not applied: ${s.hash}`);
    check(s.data_source + s.data_target === 200, `points: ${s.data_source + s.data_target}`);
    await context.close();
    const bad = await openPage(isolatedServer.url, {hash: 'scenario=no-such&lr=%zz&pts=!!!'});
    s = await waitState(bad.page, (st) => st.in_sync, 'defaults after a broken hash');
    check(s.scenario === 'basic-moons', `fallback scenario ${s.scenario}`);
    check(s.notices.some((n) => n.includes('unknown scenario')), `notices: ${s.notices}`);
    const bad2 = await openPage(isolatedServer.url, {hash: 'lr=5000&epochs=abc&seed=-4'});
    s = await waitState(bad2.page, (st) => st.in_sync, 'defaults after bad fields');
    check(s.notices.some((n) => n.includes('lr')) && s.notices.some((n) => n.includes('seed')),
          `notices: ${s.notices}`);
    check(problems.concat(bad.problems, bad2.problems).length === 0,
          problems.concat(bad.problems, bad2.problems).join('\n'));
    await bad.context.close();
    await bad2.context.close();
  });

  await test('divergence: learning rate 100 stops training, says so and keeps a finite model', async () => {
    const {page, context, problems} =
        await openPage(isolatedServer.url, {hash: 'scenario=basic-moons&lr=100&optimizer=sgd'});
    await waitState(page, (st) => st.in_sync, 'first snapshot');
    await clickWidget(page, 'play');
    const s = await waitState(page, (st) => !!st.diverged && !st.training && !st.playing,
                              'the divergence guard stops training', 60000);
    check(/training diverged at step \d+/.test(s.diverged) && /lower learning rate/.test(s.diverged),
          `message: ${s.diverged}`);
    check(s.notices.some((n) => n.includes('training diverged')), `notices: ${s.notices}`);
    check(s.step < s.total, `stopped at step ${s.step} of ${s.total}`);
    check(Number.isFinite(s.loss), `loss of the restored model: ${s.loss}`);
    await shot(page, 'diverged');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('CSV upload works; a malformed file shows row and column and keeps the data', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url);
    await waitState(page, (st) => st.in_sync, 'first snapshot');
    let rows = ['x,y,label'];
    for (let i = 0; i < 60; i++) {
      const c = i % 3, a = (2 * Math.PI * c) / 3;
      rows.push(`${(Math.cos(a) * 2 + Math.sin(i) * 0.3).toFixed(3)},${(Math.sin(a) * 2 + Math.cos(i * 1.7) * 0.3).toFixed(3)},${c}`);
    }
    await page.setInputFiles('#tl-file', {name: 'three.csv', mimeType: 'text/csv',
                                          buffer: Buffer.from(rows.join('\n') + '\n')});
    let s = await waitState(page, (st) => st.points.sketch_source === 60 && st.in_sync &&
                                          st.data_source + st.data_target === 60, 'uploaded data');
    check(s.upload_error === '', `unexpected upload error ${s.upload_error}`);
    await page.setInputFiles('#tl-file', {name: 'broken.csv', mimeType: 'text/csv',
                                          buffer: Buffer.from('x,y,label\n1,2,0\n3,oops,1\n')});
    s = await waitState(page, (st) => st.upload_error !== '', 'upload error');
    check(/row 3/.test(s.upload_error) && /column 2/.test(s.upload_error),
          `error should name row and column: ${s.upload_error}`);
    check(s.points.sketch_source === 60, 'the previous data must be kept');
    const alert = await page.evaluate(() => document.getElementById('tl-alert').textContent);
    check(/row 3/.test(alert), `alert region: ${alert}`);
    await page.waitForTimeout(200);
    await shot(page, 'upload-error');
    // One class only: rejected by the scenario, data kept.
    await page.setInputFiles('#tl-file', {name: 'one.csv', mimeType: 'text/csv',
                                          buffer: Buffer.from('x,y,label\n1,2,0\n3,4,0\n')});
    s = await waitState(page, (st) => st.upload_error.includes('one.csv'), 'semantic upload error');
    check(s.points.sketch_source === 60, 'the previous data must be kept (one class)');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('class table upload: a zero-shot scenario takes it by name; a bad one keeps the old', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url,
                                                     {hash: 'scenario=zeroshot-animals&seed=4'});
    await waitState(page, (st) => st.scenario === 'zeroshot-animals' && st.in_sync, 'zero-shot');
    const upload = async (name, text) => {
      const chooser = page.waitForEvent('filechooser');
      await clickWidget(page, 'upload_class_table');
      await (await chooser).setFiles({name, mimeType: 'text/csv', buffer: Buffer.from(text)});
    };
    const rows = ['eagle,1,0,1,0,0', 'owl,0,0,1,0,0', 'bat,0,1,1,0,0', 'cat,1,0,0,0,0',
                  'dog,0,0,0,0,1', 'horse,0,1,0,0,0', 'frog,1,0,0,1,0', 'crab,0,0,0,1,0',
                  'whale,0,1,0,1,0'];
    const header = 'class,left,right,upper,lower,near_origin';
    // The scenario's own table, rows reversed: matched by class name.
    await upload('animals.csv', [header, ...rows.slice().reverse()].join('\n') + '\n');
    let s = await waitState(page, (st) => st.class_table === 'animals.csv' && st.in_sync,
                            'class table applied');
    check(s.upload_error === '', `unexpected upload error ${s.upload_error}`);
    // A class missing: refused with the class named; the table loaded before stays.
    await upload('no-bat.csv', [header, ...rows.filter((r) => !r.startsWith('bat'))].join('\n'));
    s = await waitState(page, (st) => st.upload_error !== '', 'class table error');
    check(/missing class 'bat'/.test(s.upload_error), `error should name the class: ${s.upload_error}`);
    check(s.class_table === 'animals.csv', `the previous table must stay: ${s.class_table}`);
    await clickWidget(page, 'play');
    await waitState(page, (st) => st.step > 50, 'training with the uploaded table', 60000);
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('digits: PCA view with heatmap', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url);
    await waitState(page, (st) => st.in_sync, 'first snapshot');
    await clickWidget(page, 'digits');
    const s = await waitState(page, (st) => st.in_sync && st.data_dim === 64 && st.heatmap, 'digits');
    check(s.heatmap.classes === 10, `classes ${s.heatmap.classes}`);
    await clickWidget(page, 'play');
    await waitState(page, (st) => st.step > 60, 'training on digits', 60000);
    await page.waitForTimeout(500);
    await shot(page, 'digits');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('embed=1 and HiDPI: compact bar, crisp canvas at devicePixelRatio 2', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url,
                                                     {hash: 'embed=1', viewport: {width: 720, height: 480},
                                                      scale: 2});
    const s = await waitState(page, (st) => st.in_sync && st.heatmap, 'embedded page');
    check(s.embed === true, 'embed flag');
    check(s.dpr === 2, `devicePixelRatio ${s.dpr}`);
    check(!s.widgets.upload && s.widgets.play, 'embed mode shows only the bar and canvas');
    const size = await page.evaluate(() => [document.getElementById('canvas').width,
                                            document.getElementById('canvas').height]);
    check(size[0] === 1440 && size[1] === 960, `canvas backing store ${size}`);
    await shot(page, 'embed-hidpi');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('embed safety: hostile link values in an iframe stay data; the parent never navigates', async () => {
    const hostile = [
      'embed=1',
      'scenario=javascript:alert(1)',
      'data=javascript:alert(document.domain)',
      'seed=alert(2)',
      'lr=1);alert(3);(',
      'pts=' + encodeURIComponent('<img src=x onerror=alert(4)>'),
      'href=' + encodeURIComponent('javascript:top.location="http://127.0.0.1:9/"'),
      'url=' + encodeURIComponent('//127.0.0.1:9/'),
      '__proto__=1',
      'constructor=alert',
      'method=' + encodeURIComponent("'); alert(5); ('"),
    ].join('&');
    // A course page that embeds the app twice: from its own origin (a same-origin iframe could
    // reach the parent directly) and from another origin. It is served, without CSP (its own
    // inline script watches for navigation), with the site's files from a folder of links.
    const courseDir = mkdtempSync(join(tmpdir(), 'tl-e2e-course-'));
    for (const name of readdirSync(site)) symlinkSync(join(site, name), join(courseDir, name));
    writeFileSync(join(courseDir, 'course.html'), `<!doctype html><meta charset="utf-8">
<title>Course page</title><link rel="icon" href="data:,">
<p>Week 5: transfer learning</p>
<iframe id="same" src="index.html#${hostile}" width="600" height="420"></iframe>
<iframe id="cross" src="${plainServer.url}#${hostile}" width="600" height="420"></iframe>
<script>
  window.tlParent = {events: [], historyLength: history.length};
  for (const type of ['hashchange', 'popstate', 'beforeunload', 'pagehide'])
    addEventListener(type, () => window.tlParent.events.push(type));
</script>
`);
    const courseServer = await serve(false, {root: courseDir, csp: false});
    ownOrigins.add(new URL(courseServer.url).origin);
    try {
      const parentUrl = courseServer.url + 'course.html';
      const {context, problems} = await watchedContext({viewport: {width: 1260, height: 500}});
      const page = await context.newPage();
      let topNavigations = 0;
      page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) topNavigations++; });
      await page.goto(parentUrl);
      const frames = [];
      for (const id of ['same', 'cross']) {
        const frame = await (await page.$(`#${id}`)).contentFrame();
        await frame.waitForFunction(() => window.transferlab && (window.transferlab.ready || window.transferlab.error),
                                    null, {timeout: 60000})
            .catch((err) => { throw new Failure(`${id}: ${err.message}\n${problems.join('\n')}`); });
        frames.push([id, frame]);
      }
      for (const [id, frame] of frames) {
        check(!(await frame.evaluate(() => window.transferlab.error)), `${id}: the page did not start`);
        const s = await waitState(frame, (st) => st.in_sync && st.frames > 10, `${id}: embedded page`);
        check(s.embed === true, `${id}: embed flag`);
        check(s.build === 'single', `${id}: a page embedded without isolation runs the single build (${s.build})`);
        check(s.scenario === 'basic-moons', `${id}: scenario ${s.scenario}`);
        check(!/javascript|alert|</i.test(s.hash), `${id}: a hostile value was kept in the link: ${s.hash}`);
      }
      await page.waitForTimeout(500);
      check(page.url() === parentUrl, `the parent navigated to ${page.url()}`);
      check(topNavigations === 1, `the parent's top frame navigated ${topNavigations} times`);
      const parent = await page.evaluate(() => ({href: location.href, events: window.tlParent.events,
                                                 historyLength: history.length,
                                                 initialLength: window.tlParent.historyLength}));
      check(parent.href === parentUrl && parent.events.length === 0,
            `the parent changed: ${JSON.stringify(parent)}`);
      check(parent.historyLength === parent.initialLength,
            `the iframes added to the parent's history: ${parent.initialLength} -> ${parent.historyLength}`);
      await shot(page, 'embed-course-page');
      check(problems.length === 0, problems.join('\n'));
      await context.close();
    } finally {
      courseServer.stop();
      rmSync(courseDir, {recursive: true, force: true});
    }
  });

  // What each method view must show moving, by ViewData kind: checks on the exported state
  // (`view.values`, the figures) once the scenario has trained. Each returns a problem or ''.
  // `until`: what to wait for (at the fastest speed) before `check` reads the state; `check`
  // returns a problem or ''.
  const viewChecks = {
    dann: {
      // The adversary can tell the DANN features' domains apart less well than the source-only
      // network's (the domain accuracy itself is noisy on its way to 0.5).
      until: (st) => st.done || st.step >= 1200,
      check: (st) => {
        const v = st.view.values;
        return v.domain_acc < v.source_only_domain_acc ? '' :
            `domain accuracy ${v.domain_acc} not below source-only ${v.source_only_domain_acc}`;
      },
    },
    zero_shot: {
      until: (st) => st.done,
      check: () => '',
      // On the animals (DAP), editing one attribute of an unseen class (owl: upper 1 -> 0) and
      // retraining changes the unseen classes' predictions.
      after: async (page, st) => {
        if (st.scenario !== 'zeroshot-animals') return '';
        const before = st.view.values.predictions_hash;
        const version = st.setup_version;
        await clickWidget(page, 'zs_cell_1_2');
        let s = await waitState(page, (x) => x.setup_version !== version && x.in_sync,
                                'the edited table to reach the engine', 30000);
        if (s.class_table === '') return 'the edit did not replace the class table';
        if (!s.training && !s.done) await clickWidget(page, 'play');
        s = await waitState(page, (x) => x.in_sync && x.done && x.view, 'retraining', 120000);
        return s.view.values.predictions_hash !== before ? '' :
            'editing an unseen class\'s attribute left every prediction as it was';
      },
    },
    layer_transfer: {
      // The sweep's chart gets a point for every N (pre-training first, then one N at a time).
      until: (st) => st.view.values.sweep !== 1 ||
          st.view.values.sweep_points >= st.view.values.sweep_total,
      check: (st) => st.view.values.sweep !== 1 || st.view.values.sweep_total >= 5 ? '' :
          `sweep of ${st.view.values.sweep_total} points`,
    },
    self_taught: {
      until: (st) => st.done,
      check: (st) => {
        const v = st.view.values;
        if (!(st.view.shapes.filters || st.view.shapes.feature_map)) return 'no filters or feature map';
        if (!Number.isFinite(v.learned_acc) || !Number.isFinite(v.raw_acc)) return 'no accuracies at the end';
        // In 2-D the learned features win (README figures); on digits they tie, so only presence.
        return st.scenario !== 'selftaught-2d' || v.learned_acc > v.raw_acc ? '' :
            `learned features ${v.learned_acc} not above raw ${v.raw_acc}`;
      },
    },
    clustering: {
      until: (st) => st.view.values.clustered === 1,
      check: (st) => {
        const v = st.view.values;
        if (!Number.isFinite(v.stc_nmi) || !Number.isFinite(v.stc_noaux_nmi)) return 'no NMI after clustering';
        // The text scenario's auxiliary documents help (README); the digits' do not on average.
        return st.scenario !== 'selftaught-clustering-text' || v.stc_nmi >= v.stc_noaux_nmi ? '' :
            `co-clustering NMI ${v.stc_nmi} below ${v.stc_noaux_nmi} without the auxiliary data`;
      },
    },
    progressive: {
      until: (st) => st.done,
      check: (st) => {
        const m = st.metrics;
        if (m.task1_acc_after !== m.task1_acc_before)
          return `progressive task 1 moved: ${m.task1_acc_before} -> ${m.task1_acc_after}`;
        return m.finetune_task1_acc_after < m.task1_acc_before ? '' :
            `fine-tuning kept task 1 (${m.finetune_task1_acc_after} vs ${m.task1_acc_before})`;
      },
    },
    conservative: {
      until: (st) => st.done,
      check: (st) => st.view.values.finetune_source_kept < st.view.values.l2sp_source_kept ? '' :
          `L2-SP kept no more of the source (${st.view.values.l2sp_source_kept}) than fine-tuning (${st.view.values.finetune_source_kept})`,
    },
    finetune: {
      until: (st) => st.done,
      check: (st) => st.view.values.target_acc > st.view.values.scratch_target_acc ? '' :
          `fine-tuned ${st.view.values.target_acc} not above scratch ${st.view.values.scratch_target_acc}`,
    },
  };

  /** Fraction of the rectangle's pixels (sampled) that differ from its most common colour. */
  function busyFraction(img, rect) {
    const [rx, ry, rw, rh] = rect;
    const counts = new Map();
    const px = [];
    for (let y = Math.floor(ry + 4); y < ry + rh - 4; y += 3)
      for (let x = Math.floor(rx + 4); x < rx + rw - 4; x += 3) {
        const i = (y * img.width + x) * 4;
        const key = (img.px[i] >> 3) * 1024 + (img.px[i + 1] >> 3) * 32 + (img.px[i + 2] >> 3);
        counts.set(key, (counts.get(key) || 0) + 1);
        px.push(key);
      }
    let bg = 0, most = 0;
    for (const [k, n] of counts) if (n > most) { most = n; bg = k; }
    return px.length ? px.filter((k) => k !== bg).length / px.length : 0;
  }

  for (const build of ['threaded', 'single']) {
    await test(`every scenario opens from the home grid, trains, shows its baseline and its view (${build})`, async () => {
      const server = build === 'threaded' ? isolatedServer : plainServer;
      const first = await openPage(server.url, {home: true});
      const s0 = await state(first.page);
      const names = s0.scenarios;
      await first.context.close();
      check(s0.home, 'a link without a scenario opens the home grid');
      check(Array.isArray(names) && names.length >= 10, `scenario list: ${names}`);
      const suffix = build === 'threaded' ? '' : '-single';
      for (const name of names) {
        const {page, context, problems} = await openPage(server.url, {home: true});
        await clickWidget(page, `home_${name}`);
        await waitState(page, (st) => st.scenario === name && st.in_sync && !st.home,
                        `${name} opened from the home grid`);
        check((await state(page)).lesson_open, `${name}: the lesson card is open`);
        await clickWidget(page, 'play');
        const s = await waitState(page, (st) => st.done || st.step >= Math.min(st.total, 150),
                                  `${name} training`, 90000);
        check(s.build === build, `${name}: expected the ${build} build, got ${s.build}`);
        const values = Object.entries(s.metrics || {});
        check(values.length > 0, `${name}: no figures`);
        const bad = values.filter(([, v]) => v !== null && !Number.isFinite(v));
        check(bad.length === 0, `${name}: non-finite figures ${JSON.stringify(bad)}`);
        check(!s.error && !s.diverged, `${name}: ${s.error || s.diverged}`);
        // A scenario that trains a baseline shows it beside the method.
        if (s.models && s.models.length > 1)
          check(s.canvas.split && s.compare >= 1, `${name}: models ${s.models} but no split canvas`);
        await page.mouse.move(5, 5);
        await page.waitForTimeout(400);
        const {img} = await shot(page, `scenario-${name}${suffix}`);
        // Frame timings while the scenario and its view train (means over the last second):
        // frame_ms is the whole frame, ui_ms our CPU work up to ImGui::Render.
        const t = await state(page);
        timings.views = timings.views || {};
        timings.views[build] = timings.views[build] || {};
        timings.views[build][name] = {frame_ms: t.frame_ms, ui_ms: t.ui_ms, engine_ms: t.engine_ms,
                                      fps: t.fps, view: s.view ? s.view.kind : null};
        if (s.view) {
          const rect = s.widgets.method_view;
          check(rect && rect[2] > 100 && rect[3] > 100, `${name}: no room for the ${s.view.kind} view`);
          const busy = busyFraction(img, rect);
          check(busy > 0.02, `${name}: the ${s.view.kind} view looks blank (${busy.toFixed(3)})`);
          // The method checks train to their point at the fastest speed: on the threaded build
          // (the single build, several times slower here, checks that every view draws).
          const vc = build === 'threaded' ? viewChecks[s.view.kind] : null;
          if (vc) {
            await clickWidget(page, 'speed');
            await clickWidget(page, 'speed_5');  // fastest
            const later = await waitState(page, (st) => st.view && vc.until(st),
                                          `${name}: the ${s.view.kind} view's figure`, 120000);
            const problem = vc.check(later) || (vc.after ? await vc.after(page, later) : '');
            check(!problem, `${name}: ${problem}`);
          }
        }
        check(problems.length === 0, `${name}: ${problems.join('\n')}`);
        await context.close();
      }
    });
  }

  // --- Embedding from another origin, the embedded page's chrome, sharing ------------------------

  /**
   * A course page's folder (served by web/serve.mjs on an origin of its own) with `files`
   * ({name: text}); resolves to {url, stop} with its origin among the suite's own.
   */
  async function courseSite(files, isolated) {
    const dir = mkdtempSync(join(tmpdir(), 'tl-e2e-host-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const server = await serve(isolated, {root: dir, csp: false});
    ownOrigins.add(new URL(server.url).origin);
    return {url: server.url, stop: () => { server.stop(); rmSync(dir, {recursive: true, force: true}); }};
  }

  /** The lab's frame inside a course page, started. */
  async function labFrame(page, labUrl, problems) {
    let frame = null;
    for (let i = 0; i < 300 && !frame; i++) {
      frame = page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(labUrl));
      if (!frame) await page.waitForTimeout(100);
    }
    check(frame, `no frame of ${labUrl} in the course page\n${problems.join('\n')}`);
    await frame.waitForFunction(() => window.transferlab && (window.transferlab.ready || window.transferlab.error),
                                null, {timeout: 60000})
        .catch((err) => { throw new Failure(`the embedded lab did not start: ${err.message}\n${problems.join('\n')}`); });
    check(!(await frame.evaluate(() => window.transferlab.error)), 'the embedded lab did not start');
    return frame;
  }

  /** Clicks a widget of the lab in `frame` (page coordinates: the iframe's box plus the widget's). */
  async function clickInFrame(page, frame, name) {
    const s = await waitState(frame, (st) => st.widgets && st.widgets[name], `widget ${name}`);
    const box = await (await frame.frameElement()).boundingBox();
    const [x, y] = centre(s.widgets[name]);
    await page.mouse.click(box.x + x, box.y + y);
    await page.waitForTimeout(150);
  }

  await test('cross-origin embedding: an isolated course page runs the lab threaded by iframe and by embed.js', async () => {
    // The lab's files may be embedded from anywhere: CORP cross-origin, with COOP/COEP.
    for (const file of ['', 'web/embed.js', 'transferlab_mt.js', 'transferlab_mt.wasm']) {
      const resp = await fetch(isolatedServer.url + file, {method: 'HEAD'});
      check(resp.headers.get('cross-origin-resource-policy') === 'cross-origin',
            `${file || 'index.html'}: Cross-Origin-Resource-Policy ${resp.headers.get('cross-origin-resource-policy')}`);
      check(resp.headers.get('cross-origin-embedder-policy') === 'require-corp' &&
            resp.headers.get('cross-origin-opener-policy') === 'same-origin',
            `${file || 'index.html'}: COEP/COOP missing`);
    }
    const lab = isolatedServer.url;
    const course = await courseSite({
      'iframe.html': `<!doctype html><meta charset="utf-8"><title>Week 5</title><link rel="icon" href="data:,">
<h1>Week 5: domain adaptation</h1>
<iframe id="lab" src="${lab}index.html#scenario=basic-moons&seed=3&embed=1" title="TransferLab"
        allow="cross-origin-isolated; clipboard-write" width="800" height="500"></iframe>`,
      'script.html': `<!doctype html><meta charset="utf-8"><title>Week 5</title><link rel="icon" href="data:,">
<h1>Week 5: domain adaptation</h1>
<div id="lab"></div>
<script src="${lab}web/embed.js"></script>
<script src="course.js"></script>`,
      'course.js': `TransferLabEmbed.create(document.getElementById('lab'),
  {src: '${lab}index.html', scenario: 'basic-moons', seed: 3, height: 500, width: '800px'});`,
    }, true);
    try {
      check(new URL(course.url).origin !== new URL(lab).origin, 'the course page needs an origin of its own');
      for (const which of ['iframe', 'script']) {
        const {context, problems} = await watchedContext({viewport: {width: 1000, height: 700}});
        const page = await context.newPage();
        await page.goto(course.url + which + '.html');
        check(await page.evaluate(() => self.crossOriginIsolated === true),
              `${which}: the course page itself is not cross-origin isolated`);
        const frame = await labFrame(page, lab, problems);
        if (which === 'script') {
          const allow = await (await frame.frameElement()).getAttribute('allow');
          check(/cross-origin-isolated/.test(allow), `embed.js iframe allow="${allow}"`);
        }
        let s = await waitState(frame, (st) => st.in_sync && st.heatmap, `${which}: embedded lab`);
        check(s.embed === true, `${which}: embed flag`);
        check(s.build === 'threaded' && s.isolated === true,
              `${which}: the embedded lab runs ${s.build}, isolated ${s.isolated}`);
        check(s.thread_started === true, `${which}: no training thread`);
        await clickInFrame(page, frame, 'play');
        s = await waitState(frame, (st) => st.step > 100, `${which}: training in the frame`, 60000);
        await shot(page, `embed-cross-origin-${which}`);
        check(problems.length === 0, `${which}: ${problems.join('\n')}`);
        await context.close();
      }
    } finally {
      course.stop();
    }
  });

  await test('embedded chrome: title and key figure; the wheel scrolls the course page and Ctrl+wheel zooms; open in the full lab', async () => {
    const lab = isolatedServer.url;
    const hash = 'scenario=dann-moons&seed=7&embed=1';
    const course = await courseSite({
      'long.html': `<!doctype html><meta charset="utf-8"><title>Week 5</title><link rel="icon" href="data:,">
<style>body { font: 16px sans-serif; margin: 20px; } .text { height: 1600px; }</style>
<h1>Week 5: domain adaptation</h1>
<iframe id="lab" src="${lab}index.html#${hash}" title="TransferLab"
        allow="cross-origin-isolated; clipboard-write" width="800" height="500" style="border:0"></iframe>
<div class="text">The rest of the week's text.</div>`,
    }, true);
    try {
      const {context, problems} = await watchedContext({viewport: {width: 1000, height: 700}});
      const page = await context.newPage();
      await page.goto(course.url + 'long.html');
      const frame = await labFrame(page, lab, problems);
      let s = await waitSettled(frame, (st) => st.in_sync && st.heatmap && st.widgets.embed_title,
                                'embedded dann-moons');
      check(s.scenario === 'dann-moons' && s.embed, `scenario ${s.scenario}, embed ${s.embed}`);
      for (const w of ['embed_title', 'open_lab', 'copy_link', 'play', 'fast', 'progress'])
        check(s.widgets[w] && s.widgets[w][2] > 0, `the embedded bar has no ${w}`);
      check(s.widgets.embed_title[1] < s.widgets.play[1], 'the title line is above the controls');
      // The key figure: the method's accuracy beside its baseline, from the metric metadata.
      check(s.embed_figure && s.embed_figure.metric === 'target_acc' &&
            s.embed_figure.baseline === 'source_only_target_acc',
            `key figure ${JSON.stringify(s.embed_figure)}`);
      check(s.widgets.embed_figure, 'the key figure is not drawn');

      // The wheel over the canvas scrolls the course page; the view stays.
      const box = await (await frame.frameElement()).boundingBox();
      const [cx, cy] = centre(s.canvas.rect);
      const view0 = s.canvas.view.join(',');
      await page.mouse.move(box.x + cx, box.y + cy);
      await page.mouse.wheel(0, 240);
      await page.waitForTimeout(500);
      const scrolled = await page.evaluate(() => window.scrollY);
      s = await state(frame);
      check(scrolled > 50, `the course page did not scroll under the wheel (scrollY ${scrolled})`);
      check(s.canvas.view.join(',') === view0, `the wheel zoomed the embedded canvas: ${view0} -> ${s.canvas.view}`);
      check(s.wheel_hint === true, 'no hint on how to zoom');
      await shot(page, 'embed-wheel-hint');
      // Ctrl+wheel zooms the canvas and leaves the course page where it is.
      const box2 = await (await frame.frameElement()).boundingBox();
      await page.mouse.move(box2.x + cx, box2.y + cy);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -240);
      await page.keyboard.up('Control');
      await page.waitForTimeout(500);
      s = await state(frame);
      check(s.canvas.view.join(',') !== view0, 'Ctrl+wheel did not zoom the canvas');
      check(Math.abs(s.canvas.view[1] - s.canvas.view[0]) < Math.abs(Number(view0.split(',')[1]) - Number(view0.split(',')[0])),
            `Ctrl+wheel up should zoom in: ${view0} -> ${s.canvas.view}`);
      const scrolled2 = await page.evaluate(() => window.scrollY);
      check(scrolled2 === scrolled, `Ctrl+wheel scrolled the course page: ${scrolled} -> ${scrolled2}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(200);

      // Fast, Play, to the end: the key figure is the finished run's.
      await clickInFrame(page, frame, 'fast');
      s = await waitState(frame, (st) => st.steps_per_second_wanted === 0, 'the fast speed');
      await clickInFrame(page, frame, 'play');
      s = await waitState(frame, (st) => st.done && st.in_sync, 'dann-moons to finish', 120000);
      const f = s.embed_figure;
      check(f && Number.isFinite(f.value) && Number.isFinite(f.baseline_value) && f.value > 0,
            `key figure after training ${JSON.stringify(f)}`);
      check(f.value === s.metrics.target_acc && f.baseline_value === s.metrics.source_only_target_acc,
            `the key figure is not the run's: ${JSON.stringify(f)} vs ${JSON.stringify(s.metrics)}`);
      await page.waitForTimeout(300);
      await shot(page, 'embed-trained');

      // "Copy link" in the embed copies the full lab's link (the iframe may write the clipboard).
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: new URL(course.url).origin});
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: new URL(lab).origin});
      await clickInFrame(page, frame, 'copy_link');
      await waitState(frame, (st) => st.notices.includes('Link copied'), 'the "Link copied" notice in the embed');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      check(copied === s.lab_link, `the embed copied ${copied}, not the full lab's link ${s.lab_link}`);
      // "Open in full lab": the same state without embed=1, in a new tab (one popup, expected).
      const expected = lab + 'index.html#' + s.hash.split('&').filter((p) => !p.startsWith('embed')).join('&');
      check(s.lab_link === expected, `full lab link ${s.lab_link}, expected ${expected}`);
      check(/scenario=dann-moons/.test(s.lab_link) && /seed=7/.test(s.lab_link) && !/embed/.test(s.lab_link),
            `full lab link ${s.lab_link}`);
      const [popup] = await Promise.all([context.waitForEvent('page', {timeout: 10000}),
                                         clickInFrame(page, frame, 'open_lab')]);
      await popup.waitForFunction(() => window.transferlab && window.transferlab.ready, null, {timeout: 60000});
      check(popup.url() === expected, `the full lab opened at ${popup.url()}, expected ${expected}`);
      const ps = await state(popup);
      check(ps.embed === false && ps.scenario === 'dann-moons' && ps.seed === 7,
            `the full lab: embed ${ps.embed}, scenario ${ps.scenario}, seed ${ps.seed}`);
      check(await popup.evaluate(() => window.opener === null), 'the full lab can reach the course page');
      await popup.close();
      const rest = problems.filter((p) => !p.startsWith('a second page (popup) opened'));
      check(problems.length - rest.length === 1, `popups: ${problems.length - rest.length}`);
      check(rest.length === 0, rest.join('\n'));
      await context.close();
    } finally {
      course.stop();
    }
  });

  await test('sharing: copy link in the bar and without a clipboard; the step counter; switching scenario pauses; fast toggle', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url, {hash: 'scenario=basic-moons&seed=5'});
    await context.grantPermissions(['clipboard-read', 'clipboard-write'],
                                   {origin: new URL(isolatedServer.url).origin});
    let s = await waitState(page, (st) => st.in_sync && st.widgets.copy_link && st.widgets.progress,
                            'the bar with its link and counter');
    check(s.widgets.progress[2] >= 120, `step counter ${s.widgets.progress}`);
    await clickWidget(page, 'copy_link');
    s = await waitState(page, (st) => st.notices.includes('Link copied'), 'the "Link copied" notice');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    check(copied === page.url() && /scenario=basic-moons/.test(copied) && /seed=5/.test(copied),
          `copied ${copied}, the page is at ${page.url()}`);
    // The fast toggle: the fastest speed, and back.
    await clickWidget(page, 'fast');
    s = await waitState(page, (st) => st.steps_per_second_wanted === 0, 'fast on');
    await clickWidget(page, 'fast');
    s = await waitState(page, (st) => st.steps_per_second_wanted === 60, 'fast off: the speed before');
    // Switching scenario while training pauses.
    await clickWidget(page, 'play');
    await waitState(page, (st) => st.training && st.step > 20, 'training');
    await clickWidget(page, 'home');
    await waitState(page, (st) => st.home, 'the home grid');
    await clickWidget(page, 'home_dann-moons');
    s = await waitState(page, (st) => st.scenario === 'dann-moons' && st.in_sync && !st.home, 'dann-moons');
    await page.waitForTimeout(800);
    s = await state(page);
    check(!s.playing && !s.training && s.step === 0, `the new scenario started on its own: playing ${s.playing}, step ${s.step}`);
    await shot(page, 'share-bar-1440');
    check(problems.length === 0, problems.join('\n'));
    await context.close();

    // Where the clipboard is closed: the link in a field, selected, to copy by hand.
    const phone = await openPage(plainServer.url, {hash: 'scenario=dann-moons&seed=9',
                                                   viewport: {width: 390, height: 844}});
    s = await waitState(phone.page, (st) => st.in_sync && st.widgets.copy_link && st.widgets.progress,
                        'the phone bar');
    check(s.widgets.progress[2] >= 120, `phone step counter ${s.widgets.progress}`);
    for (const w of ['play', 'fast', 'speed', 'copy_link', 'help', 'progress'])
      check(s.widgets[w][0] >= 0 && s.widgets[w][0] + s.widgets[w][2] <= 390 + 1,
            `phone: ${w} off screen ${s.widgets[w]}`);
    await phone.page.evaluate(() => Object.defineProperty(navigator, 'clipboard', {value: undefined}));
    await clickWidget(phone.page, 'copy_link');
    await phone.page.waitForSelector('#tl-link input', {timeout: 5000});
    const field = await phone.page.evaluate(() => {
      const input = document.querySelector('#tl-link input');
      return {value: input.value, selected: input.selectionEnd - input.selectionStart,
              focused: document.activeElement === input};
    });
    check(field.value === phone.page.url() && field.selected === field.value.length && field.focused,
          `the link field: ${JSON.stringify(field)} (page at ${phone.page.url()})`);
    await shot(phone.page, 'share-phone-field');
    await phone.page.keyboard.press('Escape');
    await phone.page.waitForTimeout(200);
    check(await phone.page.evaluate(() => !document.getElementById('tl-link')), 'Escape did not close the field');
    check(phone.problems.length === 0, phone.problems.join('\n'));
    await phone.context.close();
  });

  await test('data banner: a click on generated data pauses its settings; Back to the scenario data applies them', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url, {hash: 'scenario=dann-moons'});
    let s = await waitSettled(page, (st) => st.in_sync && st.target_mean && st.canvas.rect, 'dann-moons');
    check(!s.widgets.data_banner, 'no banner over the scenario\'s own data');
    const before = s.target_mean, headBefore = s.target_head;
    const total = s.data_source + s.data_target;
    const [cx, cy] = centre(s.widgets.canvas);
    await page.mouse.click(cx, cy);
    s = await waitState(page, (st) => st.points.sketch_active && st.widgets.data_banner &&
                                      st.widgets.banner_back, 'the banner after one click');
    // The adopted data (over 500 points) cannot ride in the link: said once, and on the banner.
    if (total + 1 > 500) {
      s = await waitState(page, (st) => !st.link_holds_data && st.widgets.banner_link,
                          'the banner says the link lacks the points');
      s = await waitState(page, (st) => st.notices.some((n) => /no longer carries/.test(n)),
                          'a notice that the link no longer carries the points');
      check(!/pts=/.test(s.hash), `the link should not hold points: ${s.hash}`);
    }
    // A data setting moves while the user's points are shown: the target stays as sketched.
    await clickWidget(page, 'cfg_angle');
    s = await waitState(page, (st) => st.in_sync && /(^|&)angle=/.test(st.hash) &&
                                      !/angle=35(&|$)/.test(st.hash), 'the angle changed in the link');
    check(s.points.sketch_active && s.widgets.data_banner, 'the banner stays while the sketch is used');
    check(Math.abs(s.target_mean[0] - before[0]) < 1e-6 && Math.abs(s.target_mean[1] - before[1]) < 1e-6,
          `the sketch's target changed: ${s.target_mean} vs ${before}`);
    await shot(page, 'data-banner');
    const banner = s.widgets.banner_back, canvas = s.widgets.canvas;
    check(banner[1] >= canvas[1] && banner[1] + banner[3] <= canvas[1] + canvas[3] &&
          banner[0] + banner[2] <= canvas[0] + canvas[2] + 1, `banner ${banner} outside canvas ${canvas}`);
    await clickWidget(page, 'banner_back');
    s = await waitState(page, (st) => !st.points.sketch_active && st.in_sync && st.target_mean,
                        'the scenario\'s data again');
    check(!s.widgets.data_banner, 'the banner is gone');
    // The target's points moved (mean distance of the first drawn ones).
    let moved = 0;
    for (let i = 0; i + 1 < Math.min(headBefore.length, s.target_head.length); i += 2)
      moved += Math.hypot(s.target_head[i] - headBefore[i], s.target_head[i + 1] - headBefore[i + 1]);
    moved /= Math.min(headBefore.length, s.target_head.length) / 2;
    check(moved > 0.1, `the new angle did not reach the target data (points moved ${moved} on average)`);
    check(s.link_holds_data, 'the link holds the state again');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('class picker matches the legend: moons and digits and an uploaded cat/dog CSV', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url, {hash: 'scenario=basic-moons'});
    const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
    let s = await waitState(page, (st) => st.in_sync && st.canvas.legend && st.canvas.legend.length > 0,
                            'moons');
    check(same(s.canvas.legend, ['1', '2']), `moons legend ${s.canvas.legend}`);
    check(same(s.canvas.picker, [...s.canvas.legend, '+', '?']), `moons picker ${s.canvas.picker}`);
    check(s.widgets.class_new && !s.widgets.class_2, 'a "+" entry, not a third numbered class');
    // Digits: the names 0-9 on both; 64-D data takes no sketch, so no new class.
    await clickWidget(page, 'digits');
    s = await waitState(page, (st) => st.in_sync && st.data_dim === 64 && st.canvas.legend.length === 10,
                        'digits');
    check(same(s.canvas.legend, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']),
          `digits legend ${s.canvas.legend}`);
    check(same(s.canvas.picker, [...s.canvas.legend, '?']), `digits picker ${s.canvas.picker}`);
    // Named classes from a CSV.
    const rows = ['x,y,label'];
    for (let i = 0; i < 40; i++)
      rows.push(`${(i % 2 ? 1 : -1) + Math.sin(i) * 0.3},${Math.cos(i * 1.3) * 0.5},${i % 2 ? 'dog' : 'cat'}`);
    await page.setInputFiles('#tl-file', {name: 'pets.csv', mimeType: 'text/csv',
                                          buffer: Buffer.from(rows.join('\n') + '\n')});
    s = await waitState(page, (st) => st.in_sync && st.data_dim === 2 && st.canvas.legend.length === 2,
                        'the cat/dog data');
    check(same(s.canvas.legend, ['cat', 'dog']), `pets legend ${s.canvas.legend}`);
    check(same(s.canvas.picker, ['cat', 'dog', '+', '?']), `pets picker ${s.canvas.picker}`);
    await shot(page, 'picker-pets');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('after Clear the figures are empty; with only unlabelled points Play stays off and says why', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url, {hash: 'scenario=basic-moons'});
    let s = await waitState(page, (st) => st.in_sync && st.metrics && 'test_acc' in st.metrics, 'moons');
    check(s.results_valid && !s.widgets.results_empty, 'figures of the scenario\'s data');
    await clickWidget(page, 'clear');
    s = await waitState(page, (st) => st.points.sketch_active && st.points.sketch_source === 0 &&
                                      st.error !== '' && st.widgets.results_empty, 'cleared figures');
    check(!s.results_valid, 'results still marked valid after Clear');
    await shot(page, 'cleared');
    // Only unlabelled points: Play explains and does not start.
    await clickWidget(page, 'class_unlabelled');
    for (const [x, y] of [[-0.5, 0.3], [0.4, -0.2], [0.1, 0.6]]) {
      const cur = await state(page);
      const [sx, sy] = toScreen(cur, x, y);
      await page.mouse.click(sx, sy);
      await page.waitForTimeout(60);
    }
    s = await waitState(page, (st) => st.points.sketch_source === 3 && st.error !== '', 'three ? points');
    await clickWidget(page, 'play');
    s = await waitState(page, (st) => st.notices.some((n) => /Only unlabelled/.test(n)), 'why Play did not start');
    check(s.notices.some((n) => /labelled points of at least two classes/.test(n)), `notices: ${s.notices}`);
    await page.waitForTimeout(500);
    s = await state(page);
    check(!s.playing && !s.training, 'Play turned on without data to train');
    check(s.widgets.results_empty, 'figures came back for untrainable data');
    await shot(page, 'unlabelled-only');
    // One labelled class: the notice names what is missing now.
    await clickWidget(page, 'class_0');
    const cur = await state(page);
    const [sx, sy] = toScreen(cur, 0.8, 0.8);
    await page.mouse.click(sx, sy);
    await waitState(page, (st) => st.points.sketch_source === 4, 'a labelled point');
    await clickWidget(page, 'play');
    s = await waitState(page, (st) => st.notices.some((n) => /Only one class/.test(n)), 'one class notice');
    check(!s.playing, 'Play turned on with one class');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('phone 390x844: every canvas toolbar widget is on screen', async () => {
    const names = ['tool_add', 'tool_erase', 'tool_pan', 'fit', 'class_0', 'class_1', 'class_new',
                   'class_unlabelled', 'undo', 'clear'];
    for (const [hash, extra] of [['scenario=dann-moons', ['domain_source', 'domain_target', 'show_held_back']],
                                 ['scenario=basic-moons', []]]) {
      const {page, context, problems} = await openPage(isolatedServer.url,
                                                       {hash, viewport: {width: 390, height: 844}});
      let s = await waitSettled(page, (st) => st.in_sync && st.widgets.clear, `${hash} on a phone`,
                                {view: hash.includes('dann')});
      const inside = (st, list) => {
        for (const n of list) {
          const r = st.widgets[n];
          check(r, `${hash}: no ${n}`);
          check(r[0] >= 0 && r[1] >= 0 && r[0] + r[2] <= 390 && r[1] + r[3] <= 844,
                `${hash}: ${n} at ${r} is off the 390x844 screen`);
        }
      };
      inside(s, names.concat(extra));
      await shot(page, `phone-toolbar-${hash.split('=')[1]}`);
      // The banner after a click fits as well.
      const [cx, cy] = centre(s.widgets.canvas);
      await page.mouse.click(cx, cy + 120);
      s = await waitState(page, (st) => st.widgets.data_banner && st.widgets.banner_back, 'banner on a phone');
      inside(s, names.concat(extra, ['data_banner', 'banner_back']));
      await shot(page, `phone-banner-${hash.split('=')[1]}`);
      check(problems.length === 0, problems.join('\n'));
      await context.close();
    }
  });

  await test('held-back labels: DANN target points are neutral until the toggle', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url, {hash: 'scenario=dann-moons'});
    let s = await waitState(page, (st) => st.in_sync && st.data_target > 0 && st.widgets.show_held_back,
                            'dann-moons');
    check(s.canvas.target_labelled_drawn === 0 && !s.canvas.held_back_labels_shown,
          `${s.canvas.target_labelled_drawn} target points drawn with their class`);
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    const hidden = await shot(page, 'held-back-hidden');
    await clickWidget(page, 'show_held_back');
    s = await waitState(page, (st) => st.canvas.held_back_labels_shown && st.canvas.target_labelled_drawn > 0,
                        'target labels shown');
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    const shown = await shot(page, 'held-back-shown');
    // The target markers change colour: many canvas pixels differ between the two shots.
    const [rx, ry, rw, rh] = s.canvas.rect;
    let changed = 0;
    for (let y = Math.floor(ry); y < ry + rh; y += 2) {
      for (let x = Math.floor(rx); x < rx + rw; x += 2) {
        const i = (y * hidden.img.width + x) * 4;
        const d = Math.abs(hidden.img.px[i] - shown.img.px[i]) + Math.abs(hidden.img.px[i + 1] - shown.img.px[i + 1]) +
                  Math.abs(hidden.img.px[i + 2] - shown.img.px[i + 2]);
        if (d > 60) changed++;
      }
    }
    check(changed > 200, `only ${changed} canvas pixels changed with the held-back labels`);
    // A supervised scenario has no held-back labels to toggle.
    await page.evaluate(() => { window.location.hash = 'scenario=basic-moons'; });
    s = await waitState(page, (st) => st.scenario === 'basic-moons' && st.in_sync, 'basic-moons');
    check(!s.widgets.show_held_back, 'a held-back toggle on basic-moons');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  /** Presses a key and waits until the page drew three frames since (the focus moves a frame later). */
  async function pressKey(page, key) {
    const f0 = (await state(page)).frames;
    await page.keyboard.press(key);
    // Moving on to the next panel takes a frame more; a focus without its ring is not done.
    await waitState(page, (st) => st.frames >= f0 + 3, `frames after ${key}`);
    return waitState(page, (st) => st.focus.window && st.focus.visible, `the focus after ${key}`, 5000);
  }

  await test('keyboard: Tab and F6 reach every marked control; canvas keys; Escape lets Tab leave', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url, {hash: 'scenario=basic-moons'});
    let s = await waitState(page, (st) => st.in_sync && st.widgets.play, 'first snapshot');
    // A point added with the mouse, so that Undo is enabled (Tab passes over disabled controls).
    await page.mouse.click(...toScreen(s, 0.3, 0.2));
    s = await waitState(page, (st) => st.points.sketch_active, 'a point from a click');
    await page.focus('#canvas');
    // Tab: every control in turn, panel after panel, until the walk comes back to its start.
    const reached = new Set(), marked = new Set(), windows = [];
    let first = null, laps = 0;
    for (let i = 0; i < 400; i++) {
      s = await pressKey(page, 'Tab');
      Object.keys(s.widgets).forEach((k) => marked.add(k));
      const f = s.focus;
      check(f.visible, `Tab ${i + 1}: no focus ring (${JSON.stringify(f)})`);
      const key = `${f.window}/${f.widget}/${f.rect.join(',')}`;
      if (f.widget) reached.add(f.widget);
      if (windows[windows.length - 1] !== f.window) windows.push(f.window);
      if (first === null) first = key;
      else if (key === first && ++laps === 1) break;
    }
    check(laps === 1, `Tab never came back to where it started; windows: ${windows.join(' > ')}`);
    // Marks that are no control: the progress bar, the method view's area, the plots (drawn,
    // not focusable), texts and the banner's window; a notice's close button goes with the
    // notice, which closes itself after a few seconds.
    const notControls = new Set(['progress', 'method_view', 'plot_accuracy', 'plot_loss',
                                 'data_banner', 'banner_link', 'data_counts', 'cfg_classes',
                                 'notice_close']);
    const missed = [...marked].filter((k) => !reached.has(k) && !notControls.has(k));
    check(missed.length === 0, `Tab did not reach: ${missed.join(', ')} (windows ${windows.join(' > ')})`);
    for (const w of ['Controls', 'Setup', 'Canvas tools', 'Canvas', 'Results'])
      check(windows.includes(w), `Tab never reached the ${w} panel: ${windows.join(' > ')}`);
    await shot(page, 'keyboard-focus-ring');

    // F6 and Shift+F6: panel by panel, each the reverse of the other.
    const f6 = async (key) => {
      const seq = [];
      for (let i = 0; i < 12; i++) {
        seq.push((await pressKey(page, key)).focus.window);
      }
      return seq;
    };
    const forward = await f6('F6');
    const order = ['Controls', 'Setup', 'Canvas tools', 'Canvas', 'Results'];
    const lap = forward.slice(forward.indexOf('Controls')).filter((w) => order.includes(w));
    check(JSON.stringify(lap.slice(0, order.length)) === JSON.stringify(order),
          `F6 order: ${forward.join(' > ')}`);
    const backward = await f6('Shift+F6');
    const back = backward.slice(backward.indexOf('Results')).filter((w) => order.includes(w));
    check(JSON.stringify(back.slice(0, 4)) === JSON.stringify(['Results', 'Canvas', 'Canvas tools', 'Setup']),
          `Shift+F6 order: ${backward.join(' > ')}`);
    // The banner over the user's points (shown since the click above) is a panel of its own.
    check(forward.includes('Your data') && backward.includes('Your data'),
          `F6 never reached the data banner: ${forward.join(' > ')}`);

    // The focused canvas: arrows pan, + zooms, Enter adds a point at the centre.
    for (let i = 0; i < 8 && (await state(page)).focus.window !== 'Canvas'; i++) {
      await pressKey(page, 'F6');
    }
    s = await state(page);
    check(s.focus.window === 'Canvas' && s.focus.widget === 'canvas', `canvas focus: ${JSON.stringify(s.focus)}`);
    const v0 = s.canvas.view;
    await page.keyboard.press('ArrowRight');
    s = await waitState(page, (st) => st.canvas.view[0] > v0[0] + 1e-6, 'ArrowRight to pan the canvas');
    const w0 = s.canvas.view[1] - s.canvas.view[0];
    await page.keyboard.press('+');
    s = await waitState(page, (st) => st.canvas.view[1] - st.canvas.view[0] < w0 * 0.9, '+ to zoom in');
    const before = s.data_source + s.data_target;
    await page.keyboard.press('Enter');
    s = await waitState(page, (st) => st.points.sketch_active &&
                                      st.points.sketch_source + st.points.sketch_target === before + 1,
                        'Enter to add a point');
    await shot(page, 'keyboard-canvas-focus');

    // Escape with nothing to close: the next Tab is the browser's and leaves the canvas.
    const onCanvas = () => page.evaluate(() => document.activeElement === document.getElementById('canvas'));
    await page.keyboard.press('Tab');
    check(await onCanvas(), 'Tab left the canvas without Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    check(!(await onCanvas()), 'after Escape, Tab kept the focus on the canvas');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('keyboard: the home grid is a panel of F6 and Tab reaches its scenarios', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url, {home: true});
    await waitState(page, (st) => st.home && st.widgets.home_cell_0, 'the home grid');
    await page.focus('#canvas');
    let s = null;
    for (let i = 0; i < 8; i++) {
      s = await pressKey(page, 'F6');
      if (s.focus.window === 'Home') break;
    }
    check(s.focus.window === 'Home', `F6 never reached the home grid: ${JSON.stringify(s.focus)}`);
    const reached = new Set();
    for (let i = 0; i < 40; i++) {
      s = await pressKey(page, 'Tab');
      if (s.focus.window !== 'Home') break;
      reached.add(s.focus.rect.join(','));
    }
    // Each of the four cells lists at least one scenario to open.
    const cells = [0, 1, 2, 3].map((k) => s.widgets[`home_cell_${k}`]);
    const inside = (c, r) => {
      const [x, y] = centre(r);
      return x >= c[0] && y >= c[1] && x <= c[0] + c[2] && y <= c[1] + c[3];
    };
    const rects = [...reached].map((t) => t.split(',').map(Number));
    for (let k = 0; k < 4; k++)
      check(rects.some((r) => inside(cells[k], r)), `Tab reached nothing in home cell ${k}`);
    // Back to the grid's first scenario with F6; Enter opens it.
    for (let i = 0; i < 8 && s.focus.window !== 'Home'; i++) s = await pressKey(page, 'F6');
    const name = s.focus.widget.replace(/^home_/, '');
    check(s.focus.window === 'Home' && s.scenarios.includes(name), `F6 into the grid: ${JSON.stringify(s.focus)}`);
    await page.keyboard.press('Enter');
    await waitState(page, (st) => !st.home && st.scenario === name, `Enter to open ${name} from the home grid`);
    await shot(page, 'keyboard-home');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('help: it opens beside the canvas and Escape closes it and gives the focus back', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url, {hash: 'scenario=basic-moons'});
    await waitState(page, (st) => st.in_sync && st.widgets.help, 'first snapshot');
    await clickWidget(page, 'help');
    let s = await waitState(page, (st) => st.help_rect[2] > 0, 'the help to open');
    const [hx, hy, hw, hh] = s.help_rect, [cx, cy, cw, ch] = s.canvas.rect;
    const overlap = hx < cx + cw && cx < hx + hw && hy < cy + ch && cy < hy + hh;
    check(!overlap, `the help ${s.help_rect} covers the canvas ${s.canvas.rect}`);
    check(s.focus.window === 'How to use TransferLab', `the help has not the focus: ${JSON.stringify(s.focus)}`);
    await page.mouse.move(5, 5);
    await shot(page, 'help-1440');
    await page.focus('#canvas');
    await page.keyboard.press('Escape');
    s = await waitState(page, (st) => st.help_rect[2] === 0, 'Escape to close the help');
    s = await waitState(page, (st) => st.focus.window === 'Controls', 'the focus back in the bar');
    check(s.focus.widget === 'help' && s.focus.visible, `focus after Escape: ${JSON.stringify(s.focus)}`);
    // Phone and embed: a sheet under the bar, written for what they show.
    for (const [hash, viewport, name] of [['scenario=basic-moons', {width: 390, height: 844}, 'help-phone'],
                                          ['scenario=dann-moons&embed=1', {width: 720, height: 480}, 'help-embed']]) {
      const p = await openPage(isolatedServer.url, {hash, viewport});
      await waitState(p.page, (st) => st.widgets.help, 'the bar');
      await clickWidget(p.page, 'help');
      await waitState(p.page, (st) => st.help_rect[2] > 0, `${name}: the help to open`);
      await p.page.mouse.move(1, 1);
      await shot(p.page, name);
      await p.page.keyboard.press('Escape');
      await waitState(p.page, (st) => st.help_rect[2] === 0, `${name}: Escape to close the help`);
      check(p.problems.length === 0, p.problems.join('\n'));
      await p.context.close();
    }
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('touch: no tooltip stays after a tap on Play; the mouse brings them back', async () => {
    const {context, problems} = await watchedContext({viewport: {width: 390, height: 844},
                                                      hasTouch: true, isMobile: true});
    const page = await context.newPage();
    await page.goto(isolatedServer.url + '#scenario=basic-moons');
    await page.waitForFunction(() => window.transferlab && window.transferlab.ready);
    let s = await waitState(page, (st) => st.in_sync && st.widgets.play, 'first snapshot');
    const [x, y] = centre(s.widgets.play);
    await page.touchscreen.tap(x, y);
    s = await waitState(page, (st) => st.playing, 'a tap on Play to start training');
    await page.waitForTimeout(400);
    s = await state(page);
    check(!s.tooltip, 'a tooltip is on screen after the tap');
    await shot(page, 'touch-after-tap');
    // A mouse over the same button shows its tooltip: the state reports tooltips.
    await page.mouse.move(x + 1, y);
    await page.mouse.move(x, y);
    await waitState(page, (st) => st.tooltip, 'the tooltip under the mouse');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('words: the scenario list shows titles; zero-shot unseen classes are chosen by name', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url,
                                                     {hash: 'scenario=layer-transfer-input-shift'});
    let s = await waitState(page, (st) => st.in_sync, 'layer transfer');
    check(s.title === 'Layer transfer: input shift', `title ${s.title}`);
    // The list's entries take a title each; choosing one by its entry opens it under its name.
    await clickWidget(page, 'cell_1');  // source labelled, target unlabelled
    await clickWidget(page, 'scn_dann-moons');
    s = await waitState(page, (st) => st.scenario === 'dann-moons' && st.in_sync, 'dann-moons');
    check(s.title && s.title !== s.scenario && !s.title.includes('-moons'), `title ${s.title}`);
    check(s.hash.includes('scenario=dann-moons'), `the link keeps the name: ${s.hash}`);
    await shot(page, 'words-scenario-list');
    await context.close();

    // Unseen classes by name: the settings offer the class names, ticked for the unseen ones.
    const zs = await openPage(isolatedServer.url, {hash: 'scenario=zeroshot-animals&unseen=1,3,5'});
    s = await waitState(zs.page, (st) => st.in_sync && st.view && st.view.kind === 'zero_shot',
                        'zero-shot');
    const unseenOf = (st) => decodeURIComponent((st.hash.match(/unseen=([^&]*)/) || [])[1] || '');
    check(unseenOf(s) === '1,3,5', `unseen ${unseenOf(s)}`);
    // The popup settles its place over a frame or two: click once its entries stay put.
    const settled = async (name) => {
      let last = '';
      for (let i = 0; i < 30; i++) {
        await zs.page.mouse.move(3 + (i % 2), 3);
        await zs.page.waitForTimeout(150);
        const r = JSON.stringify(((await state(zs.page)).widgets || {})[name]);
        if (r && r === last) return;
        last = r;
      }
    };
    await clickWidget(zs.page, 'cfg_unseen');
    await settled('cfg_unseen_1');
    await clickWidget(zs.page, 'cfg_unseen_1');  // untick the second class
    s = await waitState(zs.page, (st) => unseenOf(st) === '3,5', 'unseen 3,5');
    await settled('cfg_unseen_0');
    await clickWidget(zs.page, 'cfg_unseen_0');  // tick the first
    s = await waitState(zs.page, (st) => unseenOf(st) === '0,3,5' && st.in_sync, 'unseen 0,3,5');
    await shot(zs.page, 'words-zero-shot-unseen');
    const table = s.view.shapes && s.view.shapes.unseen;
    check(!table || table[0] === 9, `unseen shape ${JSON.stringify(table)}`);
    await zs.context.close();

    // A link may name them; unknown names are refused with the classes listed.
    const named = await openPage(isolatedServer.url,
                                 {hash: 'scenario=zeroshot-animals&unseen=bat,eagle'});
    s = await waitState(named.page, (st) => st.in_sync, 'unseen by name');
    check(unseenOf(s) === '0,2', `unseen from names: ${unseenOf(s)}`);
    check(s.notices.length === 0, `notices: ${s.notices}`);
    await named.context.close();
    const unknown = await openPage(isolatedServer.url,
                                   {hash: 'scenario=zeroshot-animals&unseen=eagle,unicorn'});
    s = await waitState(unknown.page, (st) => st.in_sync, 'unknown unseen name');
    check(s.notices.some((n) => n.includes("unknown class 'unicorn'") && n.includes('eagle')),
          `notices: ${s.notices}`);
    check(unseenOf(s) === '1,3,5', `default kept: ${unseenOf(s)}`);
    await unknown.context.close();
    const all = problems.concat(zs.problems, named.problems, unknown.problems);
    check(all.length === 0, all.join('\n'));
  });

  await test('phases: fine-tuning marks pre-training and fine-tuning and the scratch curve starts at the switch', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url,
                                                     {hash: 'scenario=finetune-moons&curve=false'});
    let s = await waitState(page, (st) => st.in_sync && st.phases, 'the fine-tuning scenario');
    check(s.phases.length === 2, `phases ${JSON.stringify(s.phases)}`);
    check(s.phases[0].name === 'pre-train on source' && s.phases[0].start === 0 &&
          s.phases[1].name === 'fine-tune on target' && s.phases[1].start > 0,
          `phases ${JSON.stringify(s.phases)}`);
    const sw = s.phases[1].start;
    check(s.phase_status === 'phase 1 of 2: pre-train on source', `status ${s.phase_status}`);
    // The accuracy chart during pre-training: no phase line yet (a column of the marks' colour).
    await clickWidget(page, 'play');
    s = await waitState(page, (st) => st.step > sw / 3 && st.history_len > 3, 'pre-training');
    await clickWidget(page, 'play');  // pause
    s = await waitState(page, (st) => !st.training, 'a pause in pre-training');
    check(s.step < sw, `paused at ${s.step}, after the switch at ${sw}`);
    check(s.phase_status === 'phase 1 of 2: pre-train on source', `status ${s.phase_status}`);
    check(s.model_curves.scratch.curve_from === -1,
          `the scratch curve is drawn from ${s.model_curves.scratch.curve_from} before it trains`);
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    const before = await shot(page, 'phases-pretrain');
    const lineCol = (img, rect) => {
      // Columns of the plot whose pixels are mostly the phase line's colour (240, 228, 66).
      const [rx, ry, rw, rh] = rect.map(Math.round);
      let best = 0;
      for (let x = rx; x < rx + rw; x++) {
        let n = 0;
        for (let y = ry; y < ry + rh; y++) {
          const i = (y * img.width + x) * 4;
          const r = img.px[i], g = img.px[i + 1], b = img.px[i + 2];
          if (r > 150 && g > 140 && b < 110 && Math.abs(r - g) < 60) n++;
        }
        best = Math.max(best, n / rh);
      }
      return best;
    };
    const plot0 = s.widgets.plot_accuracy;
    check(plot0 && plot0[1] + plot0[3] < 900, `accuracy chart off screen: ${plot0}`);
    const col0 = lineCol(before.img, plot0);
    check(col0 < 0.3, `a phase line before the switch (${col0.toFixed(2)})`);
    // Past the switch.
    await clickWidget(page, 'play');
    // To the end of the run (a pause near the end could land on "Again" and start over).
    s = await waitState(page, (st) => st.done && !st.training, 'the end of fine-tuning', 90000);
    check(s.phase_status === 'phase 2 of 2: fine-tune on target', `status ${s.phase_status}`);
    const mc = s.model_curves;
    check(mc.method.train_from === 0 && mc.method.curve_from === 0,
          `method curve ${JSON.stringify(mc.method)}`);
    check(mc.scratch.train_from === sw, `scratch trains from ${mc.scratch.train_from}, switch ${sw}`);
    // The plotted scratch series begins at the first record at or after the switch.
    check(mc.scratch.curve_from >= sw && mc.scratch.curve_from < s.step,
          `scratch curve from ${mc.scratch.curve_from} (switch ${sw}, step ${s.step})`);
    check(s.metrics.scratch_target_acc !== undefined, 'the scratch metric is still reported');
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    const after = await shot(page, 'phases-finetune');
    const col1 = lineCol(after.img, s.widgets.plot_accuracy);
    check(col1 > 0.25 && col1 > 2 * col0 + 0.1,
          `no phase line on the accuracy chart after the switch (${col1.toFixed(2)}, before ${col0.toFixed(2)})`);
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('canvas PNG: a clean figure at twice the size with a title and no tool bar', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url,
                                                     {hash: 'scenario=finetune-moons&curve=false'});
    let s = await waitState(page, (st) => st.in_sync && st.heatmap, 'the fine-tuning scenario');
    await clickWidget(page, 'play');
    s = await waitState(page, (st) => st.done, 'training to finish', 90000);
    await page.mouse.move(5, 5);
    await page.waitForTimeout(400);
    s = await state(page);
    const screen = await shot(page, 'figure-screen');
    const fs = await import('node:fs');
    const [dl] = await Promise.all([page.waitForEvent('download'), clickWidget(page, 'save_png')]);
    check(dl.suggestedFilename() === 'finetune-moons-canvas.png', `file ${dl.suggestedFilename()}`);
    const file = join(artifacts, 'figure-download.png');
    await dl.saveAs(file);
    const png = decodePng(fs.readFileSync(file));
    const [ax, ay, aw, ah] = s.canvas.area;
    const k = s.canvas.figure_scale;
    check(k === 2, `figure scale ${k}`);
    check(Math.abs(png.width - Math.round(aw * k)) <= 1 && Math.abs(png.height - Math.round(ah * k)) <= 1,
          `figure ${png.width}x${png.height}, canvas ${aw}x${ah} CSS pixels`);
    const px = (img, x, y) => {
      const i = (Math.floor(y) * img.width + Math.floor(x)) * 4;
      return [img.px[i], img.px[i + 1], img.px[i + 2]];
    };
    // The title strip: text (bright pixels) on the canvas background.
    const th = s.canvas.figure_title_h * k;
    let bright = 0, n = 0;
    for (let y = 0; y < th; y += 2)
      for (let x = 0; x < png.width; x += 2) {
        const [r, g, b] = px(png, x, y);
        n++;
        if (r + g + b > 360) bright++;
      }
    check(bright / n > 0.003, `title strip looks empty (${(100 * bright / n).toFixed(2)}% text)`);
    // The tool bar: its colours on screen (those of its rectangle that the plot just below it
    // does not have) cover much of it there, and next to nothing of the same place in the figure
    // (which is the plot, moved down by the title strip).
    const names = ['tool_add', 'tool_erase', 'tool_pan', 'fit', 'undo', 'clear'];
    const rs = names.map((m) => s.widgets[m]).filter(Boolean);
    check(rs.length >= 3, `tool bar widgets ${Object.keys(s.widgets)}`);
    const tx0 = Math.min(...rs.map((r) => r[0])), ty0 = Math.min(...rs.map((r) => r[1]));
    const tx1 = Math.max(...rs.map((r) => r[0] + r[2])), ty1 = Math.max(...rs.map((r) => r[1] + r[3]));
    const q = ([r, g, b]) => `${r >> 3},${g >> 3},${b >> 3}`;
    const count = (img, x0, y0, x1, y1, scale) => {
      const m = new Map();
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const c = q(px(img, x * scale, y * scale));
          m.set(c, (m.get(c) || 0) + 1);
        }
      return m;
    };
    // "Below" starts under the tool bar's window (its padding and separators end there).
    const bar = count(screen.img, tx0, ty0, tx1, ty1, 1);
    const by0 = Math.ceil(s.canvas.toolbar_bottom) + 2;
    check(by0 > ty1 && by0 < ty1 + 30, `tool bar bottom ${s.canvas.toolbar_bottom}, buttons end at ${ty1}`);
    const below = count(screen.img, tx0, by0, tx1, by0 + (ty1 - ty0), 1);
    // A colour the plot shows only at a few pixels (a point's rim) is still the bar's own.
    let belowTotal = 0;
    for (const v of below.values()) belowTotal += v;
    const toolbarColours = new Set([...bar.keys()].filter((c) => (below.get(c) || 0) < 0.005 * belowTotal));
    const share = (m) => {
      let t = 0, hit = 0;
      for (const [c, v] of m) {
        t += v;
        if (toolbarColours.has(c)) hit += v;
      }
      return hit / t;
    };
    const onScreen = share(bar);
    const fy = s.canvas.figure_title_h;  // the figure's plot starts below the title strip
    const inFigure = share(count(png, tx0 - ax, ty0 - ay + fy, tx1 - ax, ty1 - ay + fy, k));
    check(onScreen > 0.15, `the tool bar's own colours cover only ${onScreen.toFixed(2)} of it on screen`);
    check(inFigure < onScreen / 4,
          `the figure shows tool bar colours (${inFigure.toFixed(2)}, on screen ${onScreen.toFixed(2)})`);
    // The plot itself: the heatmap's colours fill the figure's middle.
    const st = canvasStats({width: png.width, px: png.px}, {canvas: {rect: [0, th, png.width, png.height - th]}});
    check(st.nonBgFraction > 0.3 && st.colours >= 2, `figure plot: ${JSON.stringify(st)}`);
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  // --- Course API: TransferLab.mount (web/embed.js) and the lab's bridge (web/api_bridge.js) -------

  /** The example course page (web/examples/course.html) with both labs ready. */
  async function openCourse(baseUrl, viewport = {width: 1440, height: 900}) {
    const {context, problems} = await watchedContext({viewport});
    const page = await context.newPage();
    await page.goto(baseUrl + 'web/examples/course.html');
    const ready = () => page.evaluate(() => (window.course ? window.course.events : [])
        .filter((e) => e.event === 'ready').map((e) => e.lab));
    const t0 = Date.now();
    while (Date.now() - t0 < 60000) {
      const r = await ready();
      if (r.includes('finetune') && r.includes('dann')) break;
      await page.waitForTimeout(100);
    }
    const r = await ready();
    check(r.includes('finetune') && r.includes('dann'),
          `ready events from ${JSON.stringify(r)} only\n${problems.join('\n')}`);
    const frames = {};
    for (const name of ['finetune', 'dann'])
      frames[name] = await (await page.$(`#${name} iframe`)).contentFrame();
    return {page, context, problems, frames};
  }
  /** Calls a method of a lab's handle in the course page; resolves to its answer. */
  function drive(page, lab, method, ...args) {
    return page.evaluate(([lab, method, args]) => window.course.labs[lab][method](...args),
                         [lab, method, args]);
  }
  const courseEvents = (page, lab, event) => page.evaluate(([lab, event]) =>
      window.course.events.filter((e) => e.lab === lab && (!event || e.event === event)), [lab, event]);
  /** A config value of the lab in `frame`, from its link. */
  async function configValue(frame, key) {
    const s = await state(frame);
    const m = new RegExp(`(?:^|&)${key}=([^&]*)`).exec(s.hash);
    return m ? decodeURIComponent(m[1]) : null;
  }

  await test('course api: the example course page drives two independent labs (play set step metrics and events)', async () => {
    const {page, context, problems, frames} = await openCourse(plainServer.url);
    // Each lab was mounted without its control bar, with its own channel and this page's origin.
    const srcs = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.src));
    check(srcs.length === 2, `${srcs.length} iframes`);
    const channels = srcs.map((s) => /[#&]channel=([^&]+)/.exec(s)?.[1]);
    check(channels[0] && channels[1] && channels[0] !== channels[1], `channels ${channels}`);
    check(srcs.every((s) => s.includes('parent_origin=' + encodeURIComponent(new URL(plainServer.url).origin))),
          `parent_origin missing: ${srcs}`);
    for (const name of ['finetune', 'dann']) {
      const s = await waitState(frames[name], (st) => st.in_sync, `${name}: first snapshot`);
      check(s.embed && !s.widgets.play && s.widgets.embed_title && s.step === 0,
            `${name}: embed ${s.embed}, play ${s.widgets.play}, step ${s.step}`);
    }
    check((await state(frames.finetune)).scenario === 'finetune-moons' &&
          (await state(frames.dann)).scenario === 'dann-moons', 'the two labs run their scenarios');

    // set on one lab (the page's own button: shots 1) changes that lab only.
    const dannShots = await configValue(frames.dann, 'shots');
    const dannAngle = await configValue(frames.dann, 'angle');
    await page.click('#finetune [data-set="shots"][data-value="1"]');
    await waitState(frames.finetune, (st) => /(^|&)shots=1(&|$)/.test(st.hash), 'finetune: shots=1 in its link');
    let m = await drive(page, 'finetune', 'metrics');
    check(m.config.shots === 1 && m.scenario === 'finetune-moons', `finetune metrics: ${JSON.stringify(m)}`);
    check(await configValue(frames.dann, 'shots') === dannShots && dannShots === null,
          'the dann lab got a shots field');
    // The dann lab's angle (its own button) leaves the fine-tuning lab's angle alone.
    const ftAngle = await configValue(frames.finetune, 'angle');
    await page.click('#dann [data-set="angle"][data-value="60"]');
    await waitState(frames.dann, (st) => /(^|&)angle=60(&|$)/.test(st.hash), 'dann: angle=60 in its link');
    check(dannAngle !== '60', `dann angle was ${dannAngle}`);
    check(await configValue(frames.finetune, 'angle') === ftAngle, 'set angle on dann changed finetune');

    // Step 100 (the page's button) on the fine-tuning lab: exactly 100 steps there, none in dann.
    await page.click('#finetune [data-act="step"]');
    m = await drive(page, 'finetune', 'metrics');
    check(m.step === 100 && !m.playing, `finetune after Step 100: step ${m.step}, playing ${m.playing}`);
    check((await state(frames.finetune)).step === 100, 'the lab itself is not at step 100');
    const d = await drive(page, 'dann', 'metrics');
    check(d.step === 0, `dann moved to step ${d.step}`);
    check(typeof m.metrics.target_acc === 'number' && typeof m.metrics.scratch_target_acc === 'number',
          `finetune metrics ${JSON.stringify(m.metrics)}`);
    // step(n) again from there: n more.
    check((await drive(page, 'finetune', 'step', 37)).ok, 'step(37)');
    m = await drive(page, 'finetune', 'metrics');
    check(m.step === 137, `after step(37): ${m.step}`);
    // The page shows the figure it read: the fine-tuned accuracy and the scratch baseline.
    await page.waitForFunction((v) => document.querySelector('#finetune [data-fig="method"]').textContent ===
                                      (100 * v).toFixed(1) + '%', m.metrics.target_acc, {timeout: 5000})
        .catch(() => { throw new Failure('the course page does not show the target accuracy'); });

    // A short run to its end on the fine-tuning lab (load: fewer epochs), by the page's Play.
    const loaded = await drive(page, 'finetune', 'load', 'finetune-moons', {source_epochs: 10, epochs: 10, shots: 2}, 5);
    check(loaded.ok, `load: ${JSON.stringify(loaded)}`);
    m = await drive(page, 'finetune', 'metrics');
    check(m.step === 0 && m.seed === 5 && m.config.shots === 2 && m.config.epochs === 10 && m.total > 60,
          `after load: ${JSON.stringify(m)}`);
    const before = (await courseEvents(page, 'finetune', 'step')).length;
    await page.click('#finetune [data-act="toggle"]');
    await page.waitForFunction(() => window.course.events.some((e) => e.lab === 'finetune' && e.event === 'done'),
                               null, {timeout: 60000})
        .catch(() => { throw new Failure('no done event from the fine-tuning lab'); });
    await page.waitForTimeout(800);
    const steps = (await courseEvents(page, 'finetune', 'step')).slice(before);
    const dones = await courseEvents(page, 'finetune', 'done');
    check(dones.length === 1 && dones[0].data.step === m.total, `done events ${JSON.stringify(dones)}`);
    check(steps.length >= 2 && steps[steps.length - 1].data.step === m.total,
          `step events during the run: ${JSON.stringify(steps.map((e) => e.data.step))}`);
    for (let i = 1; i < steps.length; i++) {
      check(steps[i].data.step > steps[i - 1].data.step, 'step events go forward');
      // The lab's clock when it sent them (a same-origin page may get several at once).
      const gap = steps[i].data.time - steps[i - 1].data.time;
      check(gap >= 240, `step events ${gap} ms apart (throttled to ~4/s)`);
    }
    m = await drive(page, 'finetune', 'metrics');
    check(m.done && m.step === m.total, `finetune at the end: ${JSON.stringify(m)}`);
    check((await courseEvents(page, 'dann', 'done')).length === 0 &&
          (await drive(page, 'dann', 'metrics')).step === 0, 'the dann lab trained too');
    // The page's button shows Play again once the run ended.
    await page.waitForFunction(() => document.querySelector('#finetune [data-act="toggle"]').textContent === 'Play',
                               null, {timeout: 5000});
    // Play and pause the dann lab; reset brings it back to step 0.
    check((await drive(page, 'dann', 'play')).ok, 'dann play');
    await waitState(frames.dann, (st) => st.step > 20, 'dann trains');
    check((await drive(page, 'dann', 'pause')).ok, 'dann pause');
    const paused = await drive(page, 'dann', 'metrics');
    await page.waitForTimeout(500);
    check((await drive(page, 'dann', 'metrics')).step === paused.step && !paused.playing,
          'dann kept training after pause');
    check((await drive(page, 'dann', 'reset')).ok, 'dann reset');
    check((await drive(page, 'dann', 'metrics')).step === 0, 'dann reset is not at step 0');
    check((await courseEvents(page, 'finetune', 'error')).length === 0 &&
          (await courseEvents(page, 'dann', 'error')).length === 0, 'error events');
    await shot(page, 'course-api-1440');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('course api: a bad set gets the CLI message in an error event and the lab keeps running', async () => {
    // The bridge and the host side take data only: nothing in them evaluates strings.
    for (const file of ['web/api_bridge.js', 'web/embed.js', 'web/examples/course.js']) {
      const js = await (await fetch(plainServer.url + file)).text();
      const evals = js.match(/\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(\s*['"`]|setTimeout\s*\(\s*['"`]|innerHTML/g);
      check(!evals, `${file} evaluates strings: ${evals}`);
    }
    const {page, context, problems, frames} = await openCourse(plainServer.url);
    const keys = (await drive(page, 'finetune', 'metrics')).config;
    const shots = keys.shots;
    // Unknown key: the message of `transferlab run finetune-moons --set nope=1`.
    let r = await drive(page, 'finetune', 'set', 'nope', 1);
    check(!r.ok, 'set nope=1 was taken');
    const expected = `set nope=1: unknown key 'nope'; valid keys: ${Object.keys(keys).join(' ')}`;
    check(r.error === expected, `message "${r.error}", expected "${expected}"`);
    const cli = join(repo, 'build', 'native', 'transferlab');
    if (existsSync(cli)) {
      const out = spawnSync(cli, ['run', 'finetune-moons', '--set', 'nope=1', '--steps', '0'], {encoding: 'utf8'});
      check(out.stderr.split('\n')[0] === 'transferlab: --' + r.error, `the CLI says "${out.stderr.split('\n')[0]}"`);
    }
    // Out of range.
    r = await drive(page, 'finetune', 'set', 'shots', 0);
    check(!r.ok && /^set shots=0: shots: 0 is out of range \[1, \d+\]$/.test(r.error), `shots=0: ${r.error}`);
    if (existsSync(cli)) {
      const out = spawnSync(cli, ['run', 'finetune-moons', '--set', 'shots=0', '--steps', '0'], {encoding: 'utf8'});
      check(out.stderr.split('\n')[0] === 'transferlab: --' + r.error, `the CLI says "${out.stderr.split('\n')[0]}"`);
    }
    // Both arrived as error events with the same messages; the page shows the last one.
    await page.waitForFunction(() => window.course.events.filter((e) => e.lab === 'finetune' && e.event === 'error').length >= 2,
                               null, {timeout: 5000});
    const errors = (await courseEvents(page, 'finetune', 'error')).map((e) => e.data.message);
    check(errors[0] === expected && errors[1] === r.error, `error events ${JSON.stringify(errors)}`);
    check(await page.textContent('#finetune [data-error]') === r.error, 'the page does not show the error');
    // A command the API does not know, sent as the parent (the right window, origin and channel).
    await page.evaluate(() => {
      const f = document.querySelector('#finetune iframe');
      const channel = /[#&]channel=([^&]+)/.exec(f.src)[1];
      f.contentWindow.postMessage({tl: 'transferlab-api', channel, type: 'command', id: 999, cmd: 'explode'},
                                  new URL(f.src).origin);
    });
    await page.waitForFunction(() => window.course.events.some((e) => e.lab === 'finetune' && e.event === 'error' &&
                                                                     /^unknown command 'explode'/.test(e.data.message)),
                               null, {timeout: 5000})
        .catch(() => { throw new Failure('no error event for an unknown command'); });
    // Nothing changed, and the lab keeps running: it trains and takes a good set.
    const s = await state(frames.finetune);
    check(s.step === 0 && !s.error && (await configValue(frames.finetune, 'shots')) === String(shots),
          `after the refusals: step ${s.step}, error ${s.error}, hash ${s.hash}`);
    check((await drive(page, 'finetune', 'metrics')).config.shots === shots, 'shots changed');
    check((await drive(page, 'finetune', 'step', 50)).ok, 'step after the errors');
    check((await drive(page, 'finetune', 'metrics')).step === 50, 'the lab does not train after the errors');
    r = await drive(page, 'finetune', 'set', 'shots', 5);
    check(r.ok && (await drive(page, 'finetune', 'metrics')).config.shots === 5, `set shots=5: ${JSON.stringify(r)}`);
    // step(n) outside 1..1000 and a bad load are refused the same way.
    r = await drive(page, 'finetune', 'step', 0);
    check(!r.ok && /^step: n must be a whole number from 1 to 1000/.test(r.error), `step(0): ${r.error}`);
    r = await drive(page, 'finetune', 'load', 'no-such-scenario', {}, 1);
    check(!r.ok && /^load: unknown scenario 'no-such-scenario'/.test(r.error), `load: ${r.error}`);
    r = await drive(page, 'finetune', 'load', 'dann-moons', {angle: 999}, 1);
    check(!r.ok && r.error === 'load dann-moons: set angle=999: angle: 999 is out of range [-180, 180]', `load: ${r.error}`);
    check((await state(frames.finetune)).scenario === 'finetune-moons', 'a refused load changed the scenario');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('course api: messages from another origin or another channel are ignored', async () => {
    // The course page, with a frame from a second origin in it (as a third-party widget would be).
    // The course page is served here without a CSP, which would refuse the widget's frame.
    const other = await courseSite({'widget.html': '<!doctype html><meta charset="utf-8"><title>widget</title><p>widget</p>'}, false);
    const open = await serve(false, {csp: false});
    ownOrigins.add(new URL(open.url).origin);
    try {
      const {page, context, problems, frames} = await openCourse(open.url);
      await page.evaluate((src) => {
        const f = document.createElement('iframe');
        f.id = 'widget';
        f.src = src;
        document.body.appendChild(f);
      }, other.url + 'widget.html');
      let widget = null;
      for (let i = 0; i < 100 && !widget; i++) {
        widget = page.frames().find((f) => f.url().startsWith(other.url));
        if (!widget) await page.waitForTimeout(100);
      }
      check(widget, 'the widget frame did not load');
      await widget.waitForLoadState();
      const channel = await page.evaluate(() => /[#&]channel=([^&]+)/.exec(document.querySelector('#finetune iframe').src)[1]);
      const before = await state(frames.finetune);
      const shots = await configValue(frames.finetune, 'shots');
      check(shots !== '7', 'shots is 7 already');
      // The widget knows the channel and posts commands to the lab and a fake event to the page.
      await widget.evaluate((channel) => {
        const lab = window.parent.frames[0];
        for (const cmd of [{cmd: 'set', key: 'shots', value: 7}, {cmd: 'play'}, {cmd: 'step', n: 300}])
          lab.postMessage(Object.assign({tl: 'transferlab-api', channel, type: 'command', id: 1}, cmd), '*');
        window.parent.postMessage({tl: 'transferlab-api', channel, type: 'event', event: 'done', data: {step: 1}}, '*');
        window.parent.postMessage({tl: 'transferlab-api', channel, type: 'event', event: 'error', data: {message: 'fake'}}, '*');
      }, channel);
      // The page itself, on a channel that is not the lab's.
      await page.evaluate(() => {
        const f = document.querySelector('#finetune iframe');
        f.contentWindow.postMessage({tl: 'transferlab-api', channel: 'x'.repeat(32), type: 'command', id: 5, cmd: 'play'}, '*');
      });
      await page.waitForTimeout(1500);
      const after = await state(frames.finetune);
      check(after.step === before.step && !after.playing && (await configValue(frames.finetune, 'shots')) === shots,
            `the lab took a foreign command: step ${after.step}, playing ${after.playing}, ${after.hash}`);
      check((await courseEvents(page, 'finetune', 'done')).length === 0 &&
            (await courseEvents(page, 'finetune', 'error')).length === 0, 'the page took a fake event');
      // The same commands from the page's handle are taken (the channel above was the right one).
      check((await drive(page, 'finetune', 'set', 'shots', 7)).ok, 'set from the page');
      check((await drive(page, 'finetune', 'metrics')).config.shots === 7, 'the handle\'s set did not apply');
      check(problems.length === 0, problems.join('\n'));
      await context.close();
    } finally {
      other.stop();
      open.stop();
    }
  });

  await test('course api: controls=none hides the control bar (title and canvas stay) and controls=full is the full page', async () => {
    let {page, context, problems} = await openPage(plainServer.url, {hash: 'scenario=dann-moons&seed=7&controls=none',
                                                                     viewport: {width: 720, height: 480}});
    let s = await waitState(page, (st) => st.in_sync && st.widgets.embed_title, 'controls=none');
    check(s.embed === true, 'controls=none is embedded');
    for (const w of ['play', 'step', 'reset', 'fast', 'progress', 'copy_link'])
      check(!s.widgets[w], `controls=none shows ${w}`);
    check(s.widgets.embed_title && s.widgets.open_lab, 'the title line is gone');
    // Under the title line only (the compact bar, title line and controls, is 92 px tall).
    check(s.widgets.embed_title[1] < 36 && s.canvas.rect[1] < 92,
          `the canvas starts at ${s.canvas.rect[1]} px, the title at ${s.widgets.embed_title[1]}`);
    check(!/controls|channel/.test(s.hash), `the link keeps ${s.hash}`);
    await shot(page, 'course-api-controls-none');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
    ({page, context, problems} = await openPage(plainServer.url, {hash: 'scenario=dann-moons&seed=7&embed=1&controls=full'}));
    s = await waitState(page, (st) => st.in_sync && st.widgets.play, 'controls=full');
    check(s.embed === false && s.widgets.home, `controls=full: embed ${s.embed}`);
    check(problems.length === 0, problems.join('\n'));
    await context.close();
    // A bad value: a notice, and the compact embed stays.
    ({page, context, problems} = await openPage(plainServer.url, {hash: 'scenario=dann-moons&embed=1&controls=tiny'}));
    s = await waitState(page, (st) => st.in_sync && st.widgets.play, 'controls=tiny');
    check(s.embed === true && s.notices.some((n) => /controls: expected full, compact or none/.test(n)),
          `controls=tiny: ${JSON.stringify(s.notices)}`);
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('course api: the course page at 1440x900 and on a phone (390x844)', async () => {
    for (const [w, h] of [[1440, 900], [390, 844]]) {
      const {page, context, problems} = await openCourse(plainServer.url, {width: w, height: h});
      await drive(page, 'finetune', 'step', 300);
      await drive(page, 'dann', 'step', 300);
      await page.waitForFunction(() => [...document.querySelectorAll('[data-fig="method"]')].every((e) => /%$/.test(e.textContent)),
                                 null, {timeout: 10000});
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 0, `${w}x${h}: the page scrolls sideways by ${overflow}px`);
      await page.waitForTimeout(300);
      await shot(page, `course-api-page-${w}`);
      if (w < 600) {
        await page.evaluate(() => document.querySelector('#dann').scrollIntoView());
        await page.waitForTimeout(300);
        await shot(page, `course-api-page-${w}-dann`);
      }
      check(problems.length === 0, problems.join('\n'));
      await context.close();
    }
  });

  await test('course api: a course page on another origin drives the lab; a parent_origin that is not the page\'s shuts it out', async () => {
    const lab = plainServer.url;
    const course = await courseSite({
      'index.html': `<!doctype html><meta charset="utf-8"><title>Course</title><link rel="icon" href="data:,">
<div id="a"></div><div id="b"></div>
<script src="${lab}web/embed.js"></script>
<script src="c.js"></script>`,
      'c.js': `window.events = [];
window.labA = TransferLab.mount(document.getElementById('a'), {src: '${lab}index.html', scenario: 'basic-moons', seed: 2, controls: 'none', height: 300});
window.labB = TransferLab.mount(document.getElementById('b'), {src: '${lab}index.html', scenario: 'basic-moons', seed: 2, height: 300, origin: 'http://example.invalid'});
window.early = window.labA.step(10);  // before the lab is ready: sent once it is
for (const [name, l] of [['a', window.labA], ['b', window.labB]])
  for (const ev of ['ready', 'step', 'done', 'error']) l.on(ev, (d) => window.events.push({lab: name, event: ev, data: d}));
`}, false);
    try {
      const {context, problems} = await watchedContext({viewport: {width: 900, height: 700}});
      const page = await context.newPage();
      await page.goto(course.url);
      const courseOrigin = new URL(course.url).origin;
      const srcs = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.src));
      check(srcs[0].includes('parent_origin=' + encodeURIComponent(courseOrigin)), `src ${srcs[0]}`);
      await page.waitForFunction(() => window.events.some((e) => e.lab === 'a' && e.event === 'ready'), null, {timeout: 60000})
          .catch(() => { throw new Failure(`lab a sent no ready event\n${problems.join('\n')}`); });
      // A command given before ready, then commands after it, in order.
      const r = await page.evaluate(async () => {
        const out = [await window.early, await window.labA.metrics()];
        out.push(await window.labA.set('lr', 0.05));
        out.push(await window.labA.step(25));
        out.push(await window.labA.metrics());
        return out;
      });
      // 10 steps asked before ready; then set rebuilds the setup (step 0) and 25 steps follow.
      check(r[0].ok && r[1].step === 10, `lab a, the early step(10): ${JSON.stringify(r.slice(0, 2))}`);
      check(r[2].ok && r[3].ok && r[4].step === 25 && r[4].config.lr === 0.05, `lab a: ${JSON.stringify(r.slice(2))}`);
      // Lab b was told another parent origin: its answers are not delivered here, and commands
      // from this page (its parent, on its channel) are ignored.
      const frameB = await (await page.$('#b iframe')).contentFrame();
      await frameB.waitForFunction(() => window.transferlab && window.transferlab.ready, null, {timeout: 60000});
      await page.evaluate(() => {
        const f = document.querySelector('#b iframe');
        const channel = /[#&]channel=([^&]+)/.exec(f.src)[1];
        f.contentWindow.postMessage({tl: 'transferlab-api', channel, type: 'command', id: 1, cmd: 'step', n: 40}, '*');
      });
      await page.waitForTimeout(1500);
      const sb = await state(frameB);
      check(sb.step === 0, `lab b took a command from an origin it was not given: step ${sb.step}`);
      const evB = await page.evaluate(() => window.events.filter((e) => e.lab === 'b'));
      check(evB.length === 0, `lab b's events reached the page: ${JSON.stringify(evB)}`);
      // destroy() removes the iframe; its handle answers no more.
      const gone = await page.evaluate(async () => {
        window.labA.destroy();
        const answer = await window.labA.play();
        return {frames: document.querySelectorAll('#a iframe').length, answer};
      });
      check(gone.frames === 0 && !gone.answer.ok, `after destroy: ${JSON.stringify(gone)}`);
      check(problems.length === 0, problems.join('\n'));
      await context.close();
    } finally {
      course.stop();
    }
  });

  // --- The Chinese page: fetched only when chosen, drawn with every character ----------------
  // The site provides web/i18n/zh.txt, web/lessons/zh.txt, web/fonts/zh.ttf and web/fonts/zh.json
  // (the subset's counts: `chars`, the characters it maps; `glyphs`, .notdef and components
  // included).
  const langFs = await import('node:fs');
  const zhFile = /\/web\/(i18n|lessons|fonts)\/zh\.(txt|ttf|json)$/;
  /** A page in a watched context that records every URL it requests (from the very start). */
  async function openLang(hash, {viewport = {width: 1440, height: 900}, locale} = {}) {
    const {context, problems} = await watchedContext({viewport, locale});
    const urls = [];
    context.on('request', (req) => urls.push(req.url()));
    const page = await context.newPage();
    await page.goto(isolatedServer.url + (hash ? '#' + hash : ''));
    await page.waitForFunction(() => window.transferlab && (window.transferlab.ready ||
                                                           window.transferlab.error), null,
                               {timeout: 60000});
    check(!(await page.evaluate(() => window.transferlab.error)), 'the page did not start');
    return {page, context, problems, urls};
  }
  /** The Chinese title of a scenario's lesson, from the site's web/lessons/zh.txt. */
  function zhLessonTitle(name) {
    const text = langFs.readFileSync(join(site, 'web', 'lessons', 'zh.txt'), 'utf8');
    const at = text.indexOf(`[${name}]`);
    check(at >= 0, `web/lessons/zh.txt has no [${name}]`);
    return /\ntitle: (.*)\n/.exec(text.slice(at))[1].trim();
  }
  /** Picks a language in the switch (the popup settles in its place a frame after it opens). */
  async function chooseLanguage(page, code) {
    await clickWidget(page, 'language');
    const f0 = (await state(page)).frames;
    await page.mouse.move(700, 700);
    await waitState(page, (st) => st.frames > f0 + 2 && st.widgets['language_' + code],
                    'the language list');
    await clickWidget(page, 'language_' + code);
  }
  /** Chinese is installed and every character of it is drawn by the merged font. */
  async function waitChinese(page) {
    const s = await waitState(page, (st) => st.lang === 'zh' && !st.lang_loading &&
                                            st.font.cjk_glyphs > 0, 'Chinese to load', 60000);
    const subset = JSON.parse(langFs.readFileSync(join(site, 'web', 'fonts', 'zh.json'), 'utf8'));
    check(s.font.missing.length === 0,
          `characters the font cannot draw: ${s.font.missing.map((c) => String.fromCodePoint(c)).join('')}`);
    check(s.font.cjk_glyphs === subset.chars,
          `the fonts draw ${s.font.cjk_glyphs} of the subset's ${subset.chars} characters`);
    check(subset.glyphs > subset.chars, 'zh.json: glyphs count .notdef (and components) too');
    check(await page.evaluate(() => document.documentElement.lang) === 'zh-Hans', '<html lang> is zh-Hans');
    return s;
  }

  await test('chinese: the switch loads the Chinese files and shows the lesson card and home grid in Chinese', async () => {
    const {page, context, problems, urls} = await openLang('scenario=finetune-moons');
    let s = await waitState(page, (st) => st.frames > 5 && st.widgets.language, 'the language switch');
    check(s.lang === 'en' && !/lang=/.test(s.hash), `English without lang in the link: ${s.lang} ${s.hash}`);
    check(!urls.some((u) => zhFile.test(u)), 'the English page fetched no Chinese file');
    await chooseLanguage(page, 'zh');
    s = await waitChinese(page);
    for (const f of ['i18n/zh.txt', 'lessons/zh.txt', 'fonts/zh.ttf'])
      check(urls.some((u) => u.endsWith('/web/' + f)), `fetched web/${f}`);
    check(/(^|&)lang=zh(&|$)/.test(s.hash), `lang=zh in the link: ${s.hash}`);
    check(s.lab_link.includes('lang=zh'), 'Copy link carries lang=zh');
    check(s.lesson_title === zhLessonTitle('finetune-moons'), `lesson title: ${s.lesson_title}`);
    if (!s.lesson_open) await clickWidget(page, 'lesson');
    await waitState(page, (st) => st.lesson_open, 'the lesson card to open');
    await page.waitForTimeout(300);
    await shot(page, 'chinese-lesson-1440');
    await clickWidget(page, 'home');
    await waitState(page, (st) => st.home && st.widgets.home_cell_0, 'the home grid');
    await page.waitForTimeout(300);
    await shot(page, 'chinese-home-1440');
    // Back to English: no further fetch, the link keeps the choice.
    const before = urls.length;
    await chooseLanguage(page, 'en');
    s = await waitState(page, (st) => st.lang === 'en', 'English again');
    check(/(^|&)lang=en(&|$)/.test(s.hash), `lang=en in the link: ${s.hash}`);
    check(s.lesson_title === 'Fine-tuning with few target labels', `English lesson title: ${s.lesson_title}`);
    check(!urls.slice(before).some((u) => zhFile.test(u)), 'switching back fetched nothing');
    check(await page.evaluate(() => document.documentElement.lang) === 'en', '<html lang> is en');
    check(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('chinese: a link with lang=zh opens DANN in Chinese; a Chinese browser gets Chinese; phone', async () => {
    const {page, context, problems} = await openLang('lang=zh&scenario=dann-moons',
                                                     {viewport: {width: 390, height: 844}});
    let s = await waitChinese(page);
    check(s.scenario === 'dann-moons', `scenario ${s.scenario}`);
    check(s.lesson_title === zhLessonTitle('dann-moons'), `lesson title: ${s.lesson_title}`);
    await page.waitForTimeout(300);
    await shot(page, 'chinese-dann-390');
    await clickWidget(page, 'panels');
    await page.waitForTimeout(300);
    await shot(page, 'chinese-panels-390');
    check(problems.length === 0, problems.join('; '));
    await context.close();
    // No lang in the link: the browser's language decides (and the link stays without it).
    const zhBrowser = await openLang('scenario=basic-moons', {locale: 'zh-CN'});
    s = await waitChinese(zhBrowser.page);
    check(!/lang=/.test(s.hash), `a browser's language is not written into the link: ${s.hash}`);
    check(zhBrowser.problems.length === 0, zhBrowser.problems.join('; '));
    await zhBrowser.context.close();
  });

  await test('chinese: the English page requests no Chinese file; a bad lang=xx or a missing file is a notice and English', async () => {
    const en = await openLang('scenario=basic-moons');
    await waitState(en.page, (st) => st.frames > 5 && st.in_sync, 'some frames');
    await en.page.waitForTimeout(1000);
    await en.page.waitForTimeout(500);
    check(!en.urls.some((u) => zhFile.test(u)), `Chinese files fetched: ${en.urls.filter((u) => zhFile.test(u))}`);
    check(await en.page.evaluate(() => document.documentElement.lang) === 'en', '<html lang> is en');
    await en.context.close();
    const bad = await openLang('lang=xx&scenario=basic-moons');
    const s = await waitState(bad.page, (st) => st.frames > 5 && st.notices.length > 0, 'a notice');
    check(s.lang === 'en', `lang ${s.lang}`);
    check(s.notices.some((n) => n.includes('lang') && n.includes("'xx'")), `notices: ${s.notices}`);
    check(s.scenario === 'basic-moons', 'the rest of the link still applies');
    check(!bad.urls.some((u) => zhFile.test(u)), 'a bad lang fetched nothing');
    check(bad.problems.length === 0, bad.problems.join('; '));
    await bad.context.close();
    // A site without the Chinese catalogue: a notice in English, and the page stays English.
    const dir = mkdtempSync(join(tmpdir(), 'tl-e2e-nozh-'));
    for (const name of readdirSync(site))
      if (name !== 'web') symlinkSync(join(site, name), join(dir, name));
    mkdirSync(join(dir, 'web'));
    for (const name of readdirSync(join(site, 'web')))
      if (name !== 'i18n') symlinkSync(join(site, 'web', name), join(dir, 'web', name));
    const server = await serve(true, {root: dir});
    ownOrigins.add(new URL(server.url).origin);
    try {
      const {context, problems} = await watchedContext({viewport: {width: 1440, height: 900}});
      const page = await context.newPage();
      await page.goto(server.url + '#lang=zh&scenario=basic-moons');
      await page.waitForFunction(() => window.transferlab && window.transferlab.ready, null,
                                 {timeout: 60000});
      const f = await waitState(page, (st) => st.frames > 5 && !st.lang_loading &&
                                              st.notices.some((n) => /Could not load/.test(n)),
                                'the failure notice');
      check(f.lang === 'en', `lang after a failed fetch: ${f.lang}`);
      check(f.notices.some((n) => /i18n\/zh\.txt/.test(n) && /stays in English/.test(n)),
            `the notice names the file and says the page stays English: ${f.notices}`);
      check(f.lesson_title === 'A plain classifier', `lesson title ${f.lesson_title}`);
      const unexpected = problems.filter((p) => !/i18n\/zh\.txt|404/.test(p));
      check(unexpected.length === 0, unexpected.join('; '));
      await context.close();
    } finally {
      server.stop();
      rmSync(dir, {recursive: true, force: true});
    }
  });

  // --- Static hosting: no COOP/COEP from the host; sw.js isolates the page -----------------------

  /** web/serve.mjs with --no-headers (no COOP, COEP or CORP: a plain static host), strict CSP. */
  function serveStatic(root) {
    return new Promise((resolvePromise, reject) => {
      const argv = [join(repo, 'web', 'serve.mjs'), '--root', root, '--port', '0', '--quiet',
                    '--csp', '--no-headers'];
      const child = spawn(process.execPath, argv, {stdio: ['ignore', 'pipe', 'inherit']});
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) {
          ownOrigins.add(new URL(m[1]).origin);
          resolvePromise({url: m[1], stop: () => child.kill()});
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
  }

  /**
   * A watched page that counts the documents its top frame loads (the first load and reloads; the
   * app's own changes to the link's hash load nothing).
   */
  async function countedPage(options = {}) {
    const {context, problems} = await watchedContext({viewport: {width: 1000, height: 700}, ...options});
    const page = await context.newPage();
    const nav = {count: 0};
    page.on('domcontentloaded', () => nav.count++);
    return {context, problems, page, nav};
  }

  /**
   * The problems of a page that reloaded itself once, less the browser's own favicon request of
   * the first document, which the reload may cut short (net::ERR_ABORTED).
   */
  function afterReload(problems) {
    return problems.filter((p) => !/^request failed: \S+\/web\/favicon\.svg \(net::ERR_ABORTED\)$/.test(p));
  }

  /** Waits until the page's loader has started (or failed) and returns what it chose. */
  async function started(page) {
    await page.waitForFunction(() => window.transferlab && (window.transferlab.ready ||
                                                           window.transferlab.error), null,
                               {timeout: 60000});
    return page.evaluate(async () => ({
      error: window.transferlab.error,
      isolated: self.crossOriginIsolated === true,
      coi: window.transferlabCoi && window.transferlabCoi.state,
      controlled: !!navigator.serviceWorker.controller,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
      guard: sessionStorage.getItem('transferlab.coi.reload'),
    }));
  }

  await test('static host: without COOP/COEP the service worker isolates the page after one reload; threaded; no loop', async () => {
    const server = await serveStatic(site);
    try {
      for (const file of ['', 'sw.js', 'web/coi.js', 'transferlab_mt.js', 'transferlab_mt.worker.js']) {
        const resp = await fetch(server.url + file);
        check(resp.ok, `${file || 'index.html'}: HTTP ${resp.status}`);
        for (const h of ['cross-origin-opener-policy', 'cross-origin-embedder-policy',
                         'cross-origin-resource-policy'])
          check(resp.headers.get(h) === null, `--no-headers sent ${h} with ${file || 'index.html'}`);
        check(resp.headers.get('content-security-policy') === kCsp, `${file}: no strict CSP`);
        // The worker and its loader hold to the page's rules: nothing evaluates strings.
        if (file.endsWith('sw.js') || file.endsWith('coi.js')) {
          const evals = (await resp.text()).match(/\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(\s*['"`]/g);
          check(!evals, `${file} evaluates strings: ${evals}`);
        }
      }
      const {context, problems, page, nav} = await countedPage();
      await page.goto(server.url + '#scenario=basic-moons&seed=3');
      let c = await started(page);
      check(!c.error, `the page did not start: ${c.error}`);
      check(nav.count === 2, `expected the first load and one reload, saw ${nav.count} navigations`);
      check(c.isolated && c.coi === 'isolated' && c.controlled && c.workers === 1,
            `after the reload: ${JSON.stringify(c)}`);
      check(c.guard === null, `the reload guard stayed set: ${c.guard}`);
      let s = await waitState(page, (st) => st.in_sync && st.heatmap, 'the first snapshot');
      check(new URL(page.url()).hash.startsWith('#scenario=basic-moons&seed=3&'),
            `the reload lost the link: ${page.url()}`);
      check(s.build === 'threaded' && s.isolated === true, `build ${s.build}, isolated ${s.isolated}`);
      check(s.thread_started === true, 'the training thread did not start');
      check(s.scenario === 'basic-moons', `scenario ${s.scenario}`);
      await clickWidget(page, 'play');
      s = await waitState(page, (st) => st.step > 150, 'training on the thread', 60000);
      await shot(page, 'static-host-threaded');
      // No loop: nothing more happens by itself, and a reload is served isolated straight away.
      await page.waitForTimeout(1500);
      check(nav.count === 2, `the page navigated again by itself (${nav.count})`);
      await page.reload();
      c = await started(page);
      check(nav.count === 3 && c.isolated && c.coi === 'isolated',
            `after a reload: ${nav.count} navigations, ${JSON.stringify(c)}`);
      // The opt-out, with the worker installed: the page is served as the host sends it.
      await page.goto(server.url + '?coi=0#scenario=basic-moons');
      c = await started(page);
      check(nav.count === 4 && !c.isolated && c.coi === 'off', `?coi=0: ${nav.count} navigations, ${JSON.stringify(c)}`);
      s = await waitState(page, (st) => st.in_sync, '?coi=0: the first snapshot');
      check(s.build === 'single' && s.thread_started === false, `?coi=0 runs ${s.build}`);
      check(afterReload(problems).length === 0, afterReload(problems).join('\n'));
      await context.close();
    } finally {
      server.stop();
    }
  });

  await test('static host: ?coi=0 runs the single-threaded build and registers no service worker', async () => {
    const server = await serveStatic(site);
    try {
      const {context, problems, page, nav} = await countedPage();
      await page.goto(server.url + '?coi=0');
      const c = await started(page);
      check(!c.error, `the page did not start: ${c.error}`);
      check(!c.isolated && c.coi === 'off' && c.workers === 0 && !c.controlled,
            `?coi=0: ${JSON.stringify(c)}`);
      const s = await waitState(page, (st) => st.in_sync, 'the first snapshot');
      check(s.build === 'single' && s.thread_started === false, `?coi=0 runs ${s.build}`);
      await page.waitForTimeout(1000);
      check(nav.count === 1, `?coi=0 navigated ${nav.count} times`);
      check(problems.length === 0, problems.join('\n'));
      await context.close();
    } finally {
      server.stop();
    }
  });

  await test('static host: a host that states no isolation keeps the single build with no worker and no reload', async () => {
    // plainServer sends COOP/COEP unsafe-none: coi.js reads them and registers nothing.
    const {context, problems, page, nav} = await countedPage();
    await page.goto(plainServer.url);
    let c = await started(page);
    check(!c.error && !c.isolated && c.coi === 'declined' && c.workers === 0 && !c.controlled &&
          c.guard === null, `plain host: ${JSON.stringify(c)}`);
    const s = await waitState(page, (st) => st.in_sync, 'the first snapshot');
    check(s.build === 'single', `the plain host runs ${s.build}`);
    await page.waitForTimeout(1000);
    check(nav.count === 1, `plain host: ${nav.count} loads (want 1: no reload)`);
    await page.reload();
    c = await started(page);
    check(nav.count === 2 && c.coi === 'declined' && c.workers === 0,
          `a reload: ${nav.count} loads, ${JSON.stringify(c)}`);
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('static host: the folder of scripts/run.sh --static, served without headers, loads threaded', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tl-e2e-static-')), 'site');
    const run = spawn('bash', [join(repo, 'scripts', 'run.sh'), '--static', dir, '--site', site],
                      {stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    run.stdout.on('data', (d) => { out += d; });
    run.stderr.on('data', (d) => { out += d; });
    const code = await new Promise((r) => run.on('exit', r));
    check(code === 0, `run.sh --static exited with ${code}:\n${out}`);
    check(out.includes(dir) && /--no-headers/.test(out), `run.sh --static did not say how to serve it:\n${out}`);
    const server = await serveStatic(dir);
    try {
      for (const file of ['sw.js', 'web/coi.js', 'web/fonts/zh.ttf', 'web/fonts/zh.json', 'web/i18n/zh.txt']) {
        const resp = await fetch(server.url + file);
        check(resp.ok, `${file} is not in the static folder (HTTP ${resp.status})`);
      }
      const font = await (await fetch(server.url + 'web/fonts/zh.json')).json();
      const ttf = await (await fetch(server.url + 'web/fonts/zh.ttf')).arrayBuffer();
      check(font.bytes === ttf.byteLength && font.chars > 0 && font.glyphs > font.chars / 2,
            `zh.json ${JSON.stringify(font)} vs zh.ttf of ${ttf.byteLength} bytes`);
      const {context, problems, page, nav} = await countedPage();
      await page.goto(server.url);
      const c = await started(page);
      check(!c.error && c.isolated && nav.count === 2, `${nav.count} navigations, ${JSON.stringify(c)}`);
      const s = await waitState(page, (st) => st.in_sync, 'the first snapshot');
      check(s.build === 'threaded' && s.thread_started === true, `the static folder runs ${s.build}`);
      check(afterReload(problems).length === 0, afterReload(problems).join('\n'));
      await context.close();
    } finally {
      server.stop();
      rmSync(dirname(dir), {recursive: true, force: true});
    }
  });

  await test('perf overlay: timings and rates on both builds - the overlay - the frames - the help section', async () => {
    const finite = (v) => typeof v === 'number' && Number.isFinite(v);
    const inside = (r, a) => r[0] >= a[0] - 0.5 && r[1] >= a[1] - 0.5 &&
                             r[0] + r[2] <= a[0] + a[2] + 0.5 && r[1] + r[3] <= a[1] + a[3] + 0.5;
    const overlaps = (r, q) => r[2] > 0 && q[2] > 0 && r[0] < q[0] + q[2] && q[0] < r[0] + r[2] &&
                               r[1] < q[1] + q[3] && q[1] < r[1] + r[3];
    for (const build of ['threaded', 'single']) {
      const server = build === 'threaded' ? isolatedServer : plainServer;
      for (const viewport of [{width: 1440, height: 900}, {width: 390, height: 844}]) {
        const tag = `${build} ${viewport.width}x${viewport.height}`;
        const {page, context, problems} = await openPage(server.url, {hash: 'scenario=basic-moons&perf=1',
                                                                      viewport});
        let s = await waitState(page, (st) => st.in_sync && st.widgets.perf_overlay, `${tag}: the overlay`);
        check(s.perf.shown && s.perf.build === build && s.build === build, `${tag}: perf ${JSON.stringify(s.perf)}`);
        check(/(^|&)perf=1(&|$)/.test(s.hash), `${tag}: the link keeps perf=1: ${s.hash}`);
        await clickWidget(page, 'play');
        const a = await waitState(page, (st) => st.training, `${tag}: training`);
        // Two whole seconds published while training.
        s = await waitState(page, (st) => st.training && st.perf.seconds >= a.perf.seconds + 2,
                            `${tag}: two seconds of figures while training`, 60000);
        const p = s.perf;
        for (const k of ['frame_ms', 'frame_ms_max', 'cpu_ms', 'gl_ms', 'train_ms', 'train_ms_max',
                         'interval_ms', 'interval_ms_max', 'fps', 'steps_per_second',
                         'steps_per_second_asked', 'heatmap_hz', 'predict_ms', 'frames_over_50ms'])
          check(finite(p[k]) && p[k] >= 0, `${tag}: perf.${k} = ${p[k]}`);
        check(p.frame_ms > 0 && p.frame_ms + 1e-9 >= p.cpu_ms && p.frame_ms + 1e-9 >= p.gl_ms &&
                  Math.abs(p.frame_ms - p.cpu_ms - p.gl_ms) < 1e-6 * Math.max(1, p.frame_ms),
              `${tag}: frame ${p.frame_ms} = cpu ${p.cpu_ms} + gl ${p.gl_ms}`);
        check(p.frame_ms_max + 1e-9 >= p.frame_ms && p.train_ms_max + 1e-9 >= p.train_ms &&
                  p.interval_ms_max + 1e-9 >= p.interval_ms,
              `${tag}: maxima below means: ${JSON.stringify(p)}`);
        check(p.cpu_ms + 1e-9 >= p.train_ms, `${tag}: training ${p.train_ms} is part of cpu ${p.cpu_ms}`);
        if (build === 'threaded')
          check(p.train_ms === 0 && p.train_ms_max === 0, `${tag}: the thread trains, yet train_ms ${p.train_ms}`);
        else
          // The single build trains in tasks between frames: none of it inside the frame.
          check(p.train_ms === 0 && p.between_ms > 0 && p.task_ms_max > 0,
                `${tag}: the single build trains between frames, not in them: ${JSON.stringify(p)}`);
        check(p.steps_per_second_asked === 60, `${tag}: default speed asks ${p.steps_per_second_asked} steps/s`);
        check(p.steps_per_second > 0, `${tag}: steps/s reached ${p.steps_per_second}`);
        check(p.heatmap_hz > 0, `${tag}: heatmap ${p.heatmap_hz} per second while training`);
        check(p.fps > 0 && p.interval_ms > 0 && Math.abs(1000 / p.interval_ms - p.fps) < 0.35 * p.fps + 2,
              `${tag}: fps ${p.fps} against the interval ${p.interval_ms} ms`);
        // No more slow frames than frames in the second measured (it ends with a whole frame).
        check(p.frames_over_50ms <= p.fps * (1 + p.interval_ms_max / 1000) + 1,
              `${tag}: ${p.frames_over_50ms} slow frames at ${p.fps} frames/s: ${JSON.stringify(p)}`);
        check(Array.isArray(p.verdicts) && p.verdicts.length === 2 && /steps\/s/.test(p.verdicts[0]),
              `${tag}: verdicts ${JSON.stringify(p.verdicts)}`);
        // The overlay: inside the canvas, clear of the tool bar and the legend.
        const o = s.widgets.perf_overlay;
        check(inside(o, s.canvas.area), `${tag}: overlay ${o} outside the canvas ${s.canvas.area}`);
        check(s.canvas.tools_rect[2] > 0 && !overlaps(o, s.canvas.tools_rect),
              `${tag}: overlay ${o} covers the tool bar ${s.canvas.tools_rect}`);
        check(!overlaps(o, s.canvas.legend_rect), `${tag}: overlay ${o} covers the legend ${s.canvas.legend_rect}`);
        // The ring buffer: our frames, their parts, the intervals between them.
        const f = await page.evaluate(() => window.transferlab.frames());
        const n = f.frame_ms.length;
        check(n >= Math.min(600, s.frames) && n <= 600, `${tag}: ${n} frames in the ring after ${s.frames}`);
        for (const k of ['cpu_ms', 'gl_ms', 'train_ms', 'interval_ms'])
          check(f[k].length === n && f[k].every((v) => finite(v) && v >= 0), `${tag}: frames().${k}`);
        check(f.frame_ms.every((v, i) => finite(v) && v > 0 && Math.abs(v - f.cpu_ms[i] - f.gl_ms[i]) < 0.01),
              `${tag}: frames().frame_ms is cpu + gl`);
        check(f.interval_ms.slice(1).every((v) => v > 0), `${tag}: intervals between frames`);
        const slow = f.frame_ms.filter((v) => v > 50).length, longGaps = f.interval_ms.filter((v) => v > 50).length;
        timings[`perf_${build}_${viewport.width}`] = {
          frame_ms: p.frame_ms, frame_ms_max: p.frame_ms_max, cpu_ms: p.cpu_ms, gl_ms: p.gl_ms,
          train_ms: p.train_ms, interval_ms: p.interval_ms, fps: p.fps, steps_per_second: p.steps_per_second,
          heatmap_hz: p.heatmap_hz, predict_ms: p.predict_ms, ring: n, ring_over_50ms: slow,
          ring_intervals_over_50ms: longGaps, verdicts: p.verdicts};
        await page.mouse.move(5, 5);
        await page.waitForTimeout(300);
        await shot(page, `perf-overlay-${build}-${viewport.width}`);
        if (viewport.width === 1440) {
          // F2 hides and shows it again, and the link follows.
          await page.focus('#canvas');
          await page.keyboard.press('F2');
          s = await waitState(page, (st) => !st.perf.shown && !st.widgets.perf_overlay, `${tag}: F2 hides it`);
          check(!/perf=/.test(s.hash), `${tag}: hidden, the link drops perf: ${s.hash}`);
          await page.keyboard.press('F2');
          s = await waitState(page, (st) => st.perf.shown && st.widgets.perf_overlay, `${tag}: F2 shows it`);
          // The help's Performance section: the verdicts, the figures, the chart and the switch.
          await clickWidget(page, 'help');
          await waitState(page, (st) => st.help_rect[2] > 0, `${tag}: the help`);
          await clickWidget(page, 'help_perf');
          s = await waitState(page, (st) => !st.perf.shown, `${tag}: the help's switch hides the overlay`);
          for (const w of ['help_perf_verdict', 'help_perf_chart', 'help_perf'])
            check(s.widgets[w] && inside(s.widgets[w], s.help_rect), `${tag}: ${w} ${s.widgets[w]} in the help ${s.help_rect}`);
          await clickWidget(page, 'help_perf');
          await waitState(page, (st) => st.perf.shown && st.widgets.perf_overlay, `${tag}: the switch shows it again`);
          await page.mouse.move(5, 5);
          await page.waitForTimeout(300);
          await shot(page, `perf-help-${build}`);
        }
        check(problems.length === 0, problems.join('\n'));
        await context.close();
      }
    }
  });

  await test('main screenshot for the README', async () => {
    const {page, context, problems} = await openPage(isolatedServer.url,
                                                     {hash: 'scenario=basic-moons&seed=3&data=spiral&classes=3&points=600&noise=0.15&epochs=120'});
    await waitState(page, (st) => st.in_sync, 'spiral');
    await clickWidget(page, 'play');
    await waitState(page, (st) => st.done || st.step > 2000, 'training the spiral', 90000);
    await page.mouse.move(5, 5);
    await page.waitForTimeout(600);
    const {file} = await shot(page, 'screenshot');
    if (args.includes('--docs')) {
      mkdirSync(join(repo, 'docs'), {recursive: true});
      copyFileSync(file, join(repo, 'docs', 'screenshot.png'));
      log('docs/screenshot.png updated');
    }
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await test('README screenshots: the home grid, the DANN feature space, the zero-shot table', async () => {
    const shots = [
      {name: 'home', home: true},
      {name: 'dann', hash: 'scenario=dann-moons&seed=1', until: (st) => st.step >= 1500},
      {name: 'zero-shot', hash: 'scenario=zeroshot-animals&seed=1', until: (st) => st.done},
    ];
    for (const sh of shots) {
      const {page, context, problems} = await openPage(isolatedServer.url,
                                                       {hash: sh.hash || '', home: !!sh.home});
      if (sh.until) {
        await waitState(page, (st) => st.in_sync, sh.name);
        await clickWidget(page, 'play');
        const st = await waitState(page, sh.until, `${sh.name} training`, 120000);
        if (st.training && !st.done) await clickWidget(page, 'play');  // pause
      }
      await page.mouse.move(5, 5);
      await page.waitForTimeout(900);
      const {file} = await shot(page, `readme-${sh.name}`);
      if (args.includes('--docs')) {
        mkdirSync(join(repo, 'docs'), {recursive: true});
        copyFileSync(file, join(repo, 'docs', `${sh.name}.png`));
        log(`docs/${sh.name}.png updated`);
      }
      check(problems.length === 0, problems.join('\n'));
      await context.close();
    }
  });

  await test('no request left the site in any test; every request was a GET of its own files', async () => {
    check(seen.contexts >= 1 && seen.requests >= 5 * seen.contexts,
          `the request watcher saw too little: ${seen.requests} requests in ${seen.contexts} contexts`);
    check(seen.outside.length === 0, `requests elsewhere:\n${seen.outside.join('\n')}`);
  });
} finally {
  await browser.close();
  isolatedServer.stop();
  plainServer.stop();
}

writeFileSync(join(artifacts, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
log('timings', JSON.stringify(timings));
const failed = results.filter((r) => !r.ok);
log(`${results.length - failed.length} of ${results.length} tests passed; screenshots in ${artifacts}`);
process.exit(failed.length ? 1 : 0);
