#!/usr/bin/env node
// Page benchmark: opens every scenario of the built page in headless chromium (Debian's, with
// SwiftShader WebGL2, driven by playwright-core) on both builds, the threaded one (served with
// COOP/COEP) and the single-threaded one (served without), presses play at the default speed and
// measures the frames while it trains: our code's milliseconds per frame, the interval between
// animation frames, training time per frame, the steps per second reached, the heatmap's refresh
// rate and prediction time. It then checks the page's targets as ratios within the same run.
// Not a test: run it by hand (see bench/README.md, "Page benchmark").
//
//   node bench/page.mjs [--site DIR] [--builds threaded,single] [--scenarios a,b] [--seconds S]
//                       [--warmup S] [--rounds N] [--no-write] [--out FILE] [--build] [--gl-calls]
//
// Prints one JSON line per measurement on stdout (progress goes to stderr) and writes the
// "Page" section of bench/RESULTS.md (between <!-- page:begin --> and <!-- page:end -->), or the
// section alone to --out FILE; --no-write leaves bench/RESULTS.md as it is.
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {cpus, loadavg, totalmem} from 'node:os';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

import {serveSite} from '../scripts/serve_site.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const argv = process.argv.slice(2);

const kUsage = `usage: node bench/page.mjs [--site DIR] [--builds threaded,single] [--scenarios a,b]
                          [--seconds S] [--warmup S] [--rounds N] [--no-write] [--out FILE] [--build]
                          [--gl-calls]`;
const kValued = ['--site', '--builds', '--scenarios', '--seconds', '--warmup', '--rounds', '--out'];
const kFlags = ['--no-write', '--build', '--gl-calls', '--help', '-h'];
function fail(message) {
  console.error(`page bench: ${message}`);
  process.exit(2);
}
for (let i = 0; i < argv.length; i++) {
  if (kValued.includes(argv[i])) {
    if (i + 1 >= argv.length) fail(`${argv[i]} needs a value\n${kUsage}`);
    i++;
  } else if (!kFlags.includes(argv[i])) {
    fail(`unknown option '${argv[i]}'\n${kUsage}`);
  }
}
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(kUsage);
  process.exit(0);
}
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
function number(name, fallback, min) {
  const v = Number(opt(name, String(fallback)));
  if (!Number.isFinite(v) || v < min) fail(`${name} takes a number >= ${min} (got '${opt(name)}')`);
  return v;
}
const site = resolve(opt('--site', join(repo, 'build', 'wasm', 'site')));
const builds = opt('--builds', 'threaded,single').split(',').filter(Boolean);
for (const b of builds) {
  if (b !== 'threaded' && b !== 'single') fail(`--builds takes threaded and/or single (got '${b}')`);
}
const wantedScenarios = opt('--scenarios', '').split(',').filter(Boolean);
const seconds = number('--seconds', 6, 0.5);
const warmup = number('--warmup', 1, 0);
const rounds = Math.round(number('--rounds', 1, 1));
const noWrite = argv.includes('--no-write');
const glCalls = argv.includes('--gl-calls');
const outFile = opt('--out', '');
const resultsFile = join(here, 'RESULTS.md');
const kSampleMs = 250;       // state sampling period
const kLongFrameMs = 50;     // "a frame of our code over 50 ms"
const kFrameRatio = 1.5;     // slowest scenario's frame <= 1.5x basic-moons'
const kStepsShare = 0.9;     // the single build reaches >= 90% of the asked steps/s
const kReference = 'basic-moons';
const kViewport = {width: 1280, height: 800};

function log(...a) { console.error('page bench:', ...a); }

// --- Build and serve ---------------------------------------------------------------------------

if (argv.includes('--build')) {
  log('building the page: bash scripts/serve.sh --build-only');
  const r = spawnSync('bash', [join(repo, 'scripts', 'serve.sh'), '--build-only'],
                      {cwd: repo, stdio: ['ignore', 'inherit', 'inherit']});
  if (r.status !== 0) fail(`the page build failed (exit ${r.status})`);
  if (site !== join(repo, 'build', 'wasm', 'site'))
    log(`note: --build builds build/wasm/site, but --site is ${site}`);
}
for (const f of ['index.html', 'transferlab_mt.js', 'transferlab_st.js']) {
  if (!existsSync(join(site, f))) fail(`${site} is not a built site (no ${f}; --build builds it)`);
}
const chromiumPath = process.env.TL_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) fail(`${chromiumPath} is missing (bash scripts/setup.sh --browser)`);

/** Serves the site (strict CSP, as scripts/serve.sh serves it). */
function serve(isolated) {
  return serveSite(site, isolated);
}

// --- In the page -------------------------------------------------------------------------------

// Injected before the page's scripts: times every animation-frame callback with performance.now
// (our code: the app's frame runs in one) and keeps each frame's timestamp (their differences are
// the intervals between frames as the compositor schedules them). Recording is off until the
// benchmark turns it on. With `glCalls`, every WebGL2 call is timed too (its share of our frame,
// and the calls that took longest in all), at a small cost of its own.
function frameProbe(glCalls) {
  const raf = window.requestAnimationFrame.bind(window);
  const probe = (window.tlBenchProbe = {on: false, frames: [], gl: 0, glBy: {}});
  window.requestAnimationFrame = (cb) => raf((ts) => {
    const t0 = performance.now(), gl0 = probe.gl;
    try {
      return cb(ts);
    } finally {
      if (probe.on) probe.frames.push([ts, performance.now() - t0, probe.gl - gl0]);
    }
  });
  if (!glCalls || !window.WebGL2RenderingContext) return;
  const proto = window.WebGL2RenderingContext.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (name === 'constructor' || !d || typeof d.value !== 'function') continue;
    const f = d.value;
    proto[name] = function (...a) {
      if (!probe.on) return f.apply(this, a);
      const t0 = performance.now();
      try {
        return f.apply(this, a);
      } finally {
        const dt = performance.now() - t0;
        probe.gl += dt;
        const key = typeof a[0] === 'number' && /^get/.test(name) ? `${name}(0x${a[0].toString(16)})` : name;
        probe.glBy[key] = (probe.glBy[key] || 0) + dt;
      }
    };
  }
}

// Reads the fields the benchmark needs from window.transferlab.state() (one call).
function readState() {
  const api = window.transferlab;
  const s = api && api.state ? api.state() : null;
  if (!s) return null;
  return {
    t: performance.now(), build: s.build, scenario: s.scenario, in_sync: s.in_sync, home: s.home,
    error: s.error, notices: s.notices, step: s.step, total: s.total, done: s.done,
    training: s.training, playing: s.playing, diverged: s.diverged,
    steps_per_second: s.steps_per_second, steps_per_second_wanted: s.steps_per_second_wanted,
    frame_ms: s.frame_ms, ui_ms: s.ui_ms, engine_ms: s.engine_ms, fps: s.fps,
    serial: s.heatmap ? s.heatmap.serial : null,
    predict_ms: s.heatmap ? s.heatmap.predict_ms : null,
    perf: s.perf || null, play: s.widgets ? s.widgets.play : null,
  };
}

// The page's own per-frame record, when it has one (window.transferlab.frames()), else null.
function readFrames() {
  const api = window.transferlab;
  if (!api || typeof api.frames !== 'function') return null;
  try {
    return api.frames();
  } catch (e) {
    return null;
  }
}

// --- Numbers -----------------------------------------------------------------------------------

const finite = (v) => typeof v === 'number' && Number.isFinite(v);
function mean(xs) {
  const v = xs.filter(finite);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}
function quantile(xs, q) {
  const v = xs.filter(finite).sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
}
function max(xs) {
  const v = xs.filter(finite);
  return v.length ? Math.max(...v) : null;
}
function median(xs) {
  const v = xs.filter(finite).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
const round = (v, d = 2) => (finite(v) ? Number(v.toFixed(d)) : null);

/** The first finite field of `o` among `names`. */
function pick(o, names) {
  if (!o || typeof o !== 'object') return null;
  for (const n of names) if (finite(o[n])) return o[n];
  return null;
}
const kOurNames = ['frame_ms', 'ms', 'cpu_ms', 'our_ms', 'code_ms', 'work_ms'];
const kIntervalNames = ['interval_ms', 'interval', 'raf_ms', 'raf_interval_ms'];

/**
 * The page's per-frame record as two series, {ours, intervals} (either may be empty). Accepts an
 * array of numbers (our ms), an array of objects or pairs, or an object of arrays.
 */
function pageSeries(rec) {
  const out = {ours: [], intervals: []};
  if (!rec) return out;
  if (Array.isArray(rec)) {
    for (const f of rec) {
      if (finite(f)) out.ours.push(f);
      else if (Array.isArray(f)) {
        if (finite(f[0])) out.ours.push(f[0]);
        if (finite(f[1])) out.intervals.push(f[1]);
      } else if (f && typeof f === 'object') {
        const o = pick(f, kOurNames), i = pick(f, kIntervalNames);
        if (o !== null) out.ours.push(o);
        if (i !== null) out.intervals.push(i);
      }
    }
  } else if (typeof rec === 'object') {
    const arr = (names) => {
      for (const n of names) if (Array.isArray(rec[n])) return rec[n].filter(finite);
      return [];
    };
    out.ours = arr(kOurNames);
    out.intervals = arr(kIntervalNames);
  }
  return out;
}

/** Per-frame series from the probe's callbacks: our ms per frame, intervals between frames. */
function probeSeries(frames) {
  const byTs = new Map();
  for (const [ts, ms, gl] of frames) {
    const f = byTs.get(ts) || {ms: 0, gl: 0};
    f.ms += ms;
    f.gl += gl;
    byTs.set(ts, f);
  }
  const ts = [...byTs.keys()].sort((a, b) => a - b);
  const ours = ts.map((t) => byTs.get(t).ms);
  const gl = ts.map((t) => byTs.get(t).gl);
  const intervals = [];
  for (let i = 1; i < ts.length; i++) intervals.push(ts[i] - ts[i - 1]);
  return {ours, gl, intervals};
}

/** Summarises one measurement's samples and frames. */
function summarise(samples, probeFrames, pageFrames, glBy, seconds) {
  const probe = probeSeries(probeFrames);
  const page = pageSeries(pageFrames);
  // The page's record covers the last frames only (a ring buffer): it is used when it has at
  // least as many frames as the window's (then it is cut to them), else the probe is.
  const n = probe.ours.length;
  const usePage = page.ours.length > 0 && page.ours.length >= n;
  const ours = usePage ? page.ours.slice(-n || undefined) : probe.ours;
  const usePageIv = page.intervals.length > 0 && page.intervals.length >= probe.intervals.length;
  const intervals = usePageIv ? page.intervals.slice(-probe.intervals.length || undefined)
                              : probe.intervals;
  const perf = samples.map((s) => s.perf).filter(Boolean);
  const hasPerf = perf.length > 0;
  const perfField = (name) => perf.map((p) => p[name]).filter(finite);

  // Steps per second over the samples while it trained (the step count's slope).
  const live = samples.filter((s) => finite(s.step));
  let endIdx = live.findIndex((s) => s.done);
  if (endIdx < 0) endIdx = live.length - 1;
  const a = live[0], b = live[endIdx];
  const reached = a && b && b.t > a.t ? (b.step - a.step) / ((b.t - a.t) / 1000) : null;
  const asked = median(perfField('steps_per_second_asked')) ??
                median(samples.map((s) => s.steps_per_second_wanted));
  // Heatmap refreshes counted from its serial number.
  const withSerial = samples.filter((s) => finite(s.serial));
  let hzCounted = null;
  if (withSerial.length >= 2) {
    const f = withSerial[0], l = withSerial[withSerial.length - 1];
    hzCounted = l.t > f.t ? (l.serial - f.serial) / ((l.t - f.t) / 1000) : null;
  }
  const perfHz = mean(perfField('heatmap_hz'));
  const trainMean = hasPerf ? mean(perfField('train_ms')) : mean(samples.map((s) => s.engine_ms));
  const trainMax = hasPerf ? max(perfField('train_ms_max').concat(perfField('train_ms')))
                           : max(samples.map((s) => s.engine_ms));
  const predict = hasPerf && perfField('predict_ms').length ? mean(perfField('predict_ms'))
                                                            : mean(samples.map((s) => s.predict_ms));
  const over = ours.filter((v) => v > kLongFrameMs).length;
  const last = samples[samples.length - 1] || {};
  return {
    source: {frames: usePage ? 'page' : 'probe', intervals: usePageIv ? 'page' : 'probe',
             state: hasPerf ? 'perf' : 'state'},
    frames: ours.length,
    our_ms_mean: round(mean(ours)), our_ms_p95: round(quantile(ours, 0.95)),
    our_ms_max: round(max(ours)),
    interval_ms_mean: round(mean(intervals)), interval_ms_p95: round(quantile(intervals, 0.95)),
    interval_ms_max: round(max(intervals)),
    train_ms_mean: round(trainMean), train_ms_max: round(trainMax),
    steps_per_second: round(reached, 1), steps_per_second_asked: round(asked, 1),
    steps_share: finite(reached) && finite(asked) && asked > 0 ? round(reached / asked, 3) : null,
    steps_per_second_page: round(hasPerf ? mean(perfField('steps_per_second'))
                                         : mean(samples.map((s) => s.steps_per_second)), 1),
    heatmap_hz: round(perfHz ?? hzCounted, 1), heatmap_hz_counted: round(hzCounted, 1),
    predict_ms: round(predict),
    frames_over_50ms: over,
    // --gl-calls: WebGL calls' ms per frame (the probe's frames) and the longest calls in all.
    ...(glCalls ? {gl_ms_mean: round(mean(probe.gl)), gl_ms_max: round(max(probe.gl)),
                   gl_calls_ms: Object.fromEntries(Object.entries(glBy || {})
                                                       .sort((x, y) => y[1] - x[1]).slice(0, 6)
                                                       .map(([k, v]) => [k, round(v, 1)]))}
                : {}),
    frames_over_50ms_page: hasPerf ? max(perfField('frames_over_50ms')) : null,
    // The page's own means (over its last second), for comparison.
    page_frame_ms: round(hasPerf ? mean(perfField('frame_ms')) : mean(samples.map((s) => s.frame_ms))),
    page_ui_ms: round(mean(samples.map((s) => s.ui_ms))),
    page_fps: round(hasPerf ? mean(perfField('fps')) : mean(samples.map((s) => s.fps)), 1),
    page_build: hasPerf ? perf[perf.length - 1].build ?? null : null,
    ...(hasPerf ? {page_cpu_ms: round(mean(perfField('cpu_ms'))), page_gl_ms: round(mean(perfField('gl_ms'))),
                   page_interval_ms: round(mean(perfField('interval_ms'))),
                   page_frame_ms_max: round(max(perfField('frame_ms_max')))}
                : {}),
    seconds: round(samples.length >= 2 ? (last.t - samples[0].t) / 1000 : 0, 2),
    window_s: seconds,
    step_end: last.step ?? null, total: last.total ?? null, done: !!last.done,
  };
}

// --- One measurement -----------------------------------------------------------------------------

class Problem extends Error {}

async function waitFor(page, predicate, what, timeout) {
  const t0 = Date.now();
  let s = null;
  while (Date.now() - t0 < timeout) {
    s = await page.evaluate(readState);
    if (s && predicate(s)) return s;
    await page.waitForTimeout(100);
  }
  throw new Problem(`timed out waiting for ${what}` +
                    (s ? ` (scenario ${s.scenario}, step ${s.step}, error '${s.error || ''}')` : ''));
}

async function measure(browser, server, build, scenario, round) {
  const context = await browser.newContext({viewport: kViewport});
  const pageErrors = [];
  try {
    await context.addInitScript(frameProbe, glCalls);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(server.url + '#scenario=' + encodeURIComponent(scenario));
    await page.waitForFunction(() => window.transferlab &&
                                     (window.transferlab.ready || window.transferlab.error),
                               null, {timeout: 90000}).catch(() => {
      throw new Problem('the page did not start within 90 s');
    });
    const err = await page.evaluate(() => window.transferlab.error);
    if (err) throw new Problem(`the page did not start: ${err}`);
    let s = await waitFor(page, (st) => st.in_sync && finite(st.step), 'the first snapshot', 60000);
    if (s.build !== build) throw new Problem(`the ${build} server runs the ${s.build} build`);
    if (s.scenario !== scenario) {
      const why = (s.notices || []).join(' / ') || s.error;
      throw new Problem(`opened '${s.scenario}' instead${why ? `: ${why}` : ''}`);
    }
    if (s.error) throw new Problem(`setup error: ${s.error}`);
    if (!s.play) throw new Problem('no play button on the page');
    // Play (the button's centre), then wait until the engine trains.
    const [x, y, w, h] = s.play;
    await page.mouse.click(x + w / 2, y + h / 2);
    await page.mouse.move(5, 5);
    await waitFor(page, (st) => st.training || st.done, 'training to start', 30000);
    await page.waitForTimeout(warmup * 1000);
    await page.evaluate(() => {
      window.tlBenchProbe.frames = [];
      window.tlBenchProbe.on = true;
    });
    const samples = [];
    const t0 = Date.now();
    while (Date.now() - t0 < seconds * 1000) {
      const next = Date.now() + kSampleMs;
      s = await page.evaluate(readState);
      if (s) samples.push(s);
      if (s && s.done) break;
      const wait = next - Date.now();
      if (wait > 0) await page.waitForTimeout(wait);
    }
    const {frames: probeFrames, glBy} = await page.evaluate(() => {
      window.tlBenchProbe.on = false;
      return window.tlBenchProbe;
    });
    const pageFrames = await page.evaluate(readFrames);
    const last = samples[samples.length - 1];
    if (last && (last.diverged || last.error))
      throw new Problem(`while training: ${last.diverged || last.error}`);
    if (samples.length < 2) throw new Problem('fewer than two state samples');
    return {build, scenario, round, ok: true, ...summarise(samples, probeFrames, pageFrames, glBy, seconds),
            page_errors: pageErrors};
  } catch (e) {
    const message = e instanceof Problem ? e.message : `${e.name}: ${e.message.split('\n')[0]}`;
    return {build, scenario, round, ok: false, error: message, page_errors: pageErrors};
  } finally {
    await context.close().catch(() => {});
  }
}

// --- Report --------------------------------------------------------------------------------------

const fmt = (v, d = 1) => (finite(v) ? v.toFixed(d) : '—');

/** Combines a (build, scenario)'s rounds: medians of means, maxima of maxima, sums of counts. */
function combine(rows) {
  const ok = rows.filter((r) => r.ok);
  if (!ok.length) return {ok: false, error: rows.map((r) => r.error).join('; ')};
  const med = (k) => median(ok.map((r) => r[k]));
  const mx = (k) => max(ok.map((r) => r[k]));
  return {
    ok: true, rounds: ok.length, failed: rows.length - ok.length,
    our_ms_mean: med('our_ms_mean'), our_ms_p95: med('our_ms_p95'), our_ms_max: mx('our_ms_max'),
    interval_ms_mean: med('interval_ms_mean'), interval_ms_p95: med('interval_ms_p95'),
    interval_ms_max: mx('interval_ms_max'),
    train_ms_mean: med('train_ms_mean'), train_ms_max: mx('train_ms_max'),
    steps_per_second: med('steps_per_second'), steps_per_second_asked: med('steps_per_second_asked'),
    steps_share: med('steps_share'), heatmap_hz: med('heatmap_hz'), predict_ms: med('predict_ms'),
    frames_over_50ms: ok.reduce((a, r) => a + r.frames_over_50ms, 0),
    frames: ok.reduce((a, r) => a + r.frames, 0), done: ok.some((r) => r.done),
  };
}

function table(build, names, combined) {
  const lines = [
    `### ${build}`, '',
    '| scenario | our frame ms mean | p95 | max | rAF interval ms mean | p95 | max | ' +
        'training ms/frame mean | max | steps/s reached / asked | heatmap Hz | predict ms | ' +
        'frames > 50 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const name of names) {
    const c = combined.get(`${build}/${name}`);
    if (!c) continue;
    if (!c.ok) {
      lines.push(`| ${name} | error: ${c.error.replace(/\|/g, '/')} |||||||||||| |`);
      continue;
    }
    const share = finite(c.steps_share) ? ` (${Math.round(c.steps_share * 100)}%)` : '';
    lines.push(`| ${name}${c.done ? ' (finished)' : ''} | ${fmt(c.our_ms_mean)} | ` +
               `${fmt(c.our_ms_p95)} | ${fmt(c.our_ms_max)} | ${fmt(c.interval_ms_mean)} | ` +
               `${fmt(c.interval_ms_p95)} | ${fmt(c.interval_ms_max)} | ${fmt(c.train_ms_mean)} | ` +
               `${fmt(c.train_ms_max)} | ${fmt(c.steps_per_second, 0)} / ` +
               `${fmt(c.steps_per_second_asked, 0)}${share} | ${fmt(c.heatmap_hz)} | ` +
               `${fmt(c.predict_ms)} | ${c.frames_over_50ms} of ${c.frames} |`);
  }
  return lines;
}

/** The targets, as ratios within this run. Returns Markdown lines and a JSON summary. */
function targets(names, combined) {
  const lines = ['### Targets', ''];
  const summary = {};
  for (const build of builds) {
    const ok = names.map((n) => [n, combined.get(`${build}/${n}`)]).filter(([, c]) => c && c.ok);
    const ref = combined.get(`${build}/${kReference}`);
    for (const [key, label] of [['our_ms_mean', 'our frame'], ['interval_ms_mean', 'rAF interval']]) {
      if (!ref || !ref.ok || !finite(ref[key]) || ok.length < 2) {
        lines.push(`- ${build}, ${label}: not measured (needs ${kReference} and another scenario)`);
        continue;
      }
      let worst = null;
      for (const [n, c] of ok) if (finite(c[key]) && (!worst || c[key] > worst[1][key])) worst = [n, c];
      const ratio = worst[1][key] / ref[key];
      const met = ratio <= kFrameRatio;
      summary[`${build}_${key}_ratio`] = round(ratio, 2);
      lines.push(`- ${build}, ${label}: slowest scenario ${worst[0]} ${fmt(worst[1][key])} ms = ` +
                 `**${ratio.toFixed(2)}×** ${kReference}'s ${fmt(ref[key])} ms ` +
                 `(target ≤ ${kFrameRatio}×): ${met ? 'met' : 'missed'}`);
    }
  }
  if (builds.includes('single')) {
    const rows = names.map((n) => [n, combined.get(`single/${n}`)]).filter(([, c]) => c && c.ok);
    const short = rows.filter(([, c]) => !finite(c.steps_share) || c.steps_share < kStepsShare);
    summary.single_steps_missed = short.map(([n]) => n);
    if (!rows.length) {
      lines.push('- single, steps/s ≥ 90% of the asked rate: not measured');
    } else if (!short.length) {
      lines.push(`- single, steps/s ≥ 90% of the asked rate on every scenario: met ` +
                 `(lowest ${Math.round(100 * Math.min(...rows.map(([, c]) => c.steps_share)))}%)`);
    } else {
      lines.push(`- single, steps/s ≥ 90% of the asked rate on every scenario: missed by ` +
                 short.map(([n, c]) => `${n} (${finite(c.steps_share) ? Math.round(100 * c.steps_share) : '—'}%, ` +
                                       `training ${fmt(c.train_ms_mean)} ms/frame, max ${fmt(c.train_ms_max)})`)
                     .join(', '));
    }
  }
  const long = [];
  const perBuild = [];
  for (const build of builds) {
    let scen = 0, measured = 0, over = 0, frames = 0, worst = null;
    for (const n of names) {
      const c = combined.get(`${build}/${n}`);
      if (!c || !c.ok) continue;
      measured++;
      frames += c.frames;
      if (c.frames_over_50ms === 0) continue;
      scen++;
      over += c.frames_over_50ms;
      long.push(`${build} ${n}: ${c.frames_over_50ms} (max ${fmt(c.our_ms_max)} ms)`);
      if (!worst || c.our_ms_max > worst[1]) worst = [n, c.our_ms_max];
    }
    if (scen) {
      perBuild.push(`${build}: ${over} of ${frames} frames, in ${scen} of ${measured} scenarios ` +
                    `(longest ${fmt(worst[1])} ms, ${worst[0]})`);
    }
  }
  summary.frames_over_50ms = long;
  lines.push(perBuild.length ? `- no frame of our code over ${kLongFrameMs} ms: missed: ${perBuild.join('; ')}`
                             : `- no frame of our code over ${kLongFrameMs} ms: met`);
  const failed = [];
  for (const [key, c] of combined) if (!c.ok) failed.push(key);
  if (failed.length) lines.push(`- not measured (error): ${failed.join(', ')}`);
  return {lines, summary};
}

function writeSection(section) {
  const begin = '<!-- page:begin -->', end = '<!-- page:end -->';
  let text = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmark results\n';
  const i = text.indexOf(begin), j = text.indexOf(end);
  const block = `${begin}\n${section}\n${end}`;
  if (i >= 0 && j > i) text = text.slice(0, i) + block + text.slice(j + end.length);
  else text = text.replace(/\s*$/, '\n\n') + block + '\n';
  writeFileSync(resultsFile, text);
}

// --- Run -----------------------------------------------------------------------------------------

const command = ['node', relative(process.cwd(), fileURLToPath(import.meta.url)) || 'bench/page.mjs',
                 ...argv].join(' ');
const loadAtStart = loadavg().map((v) => v.toFixed(1)).join(' ');
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--use-angle=swiftshader',
         '--enable-unsafe-swiftshader', '--disable-dev-shm-usage'],
});
const servers = {};
let exitCode = 0;
try {
  if (builds.includes('threaded')) servers.threaded = await serve(true);
  if (builds.includes('single')) servers.single = await serve(false);
  const anyServer = servers[builds[0]];

  // The scenario list and the WebGL renderer, from the home page.
  const context = await browser.newContext({viewport: kViewport});
  const home = await context.newPage();
  await home.goto(anyServer.url);
  await home.waitForFunction(() => window.transferlab && window.transferlab.ready, null,
                             {timeout: 90000});
  const all = (await home.evaluate(() => window.transferlab.state())).scenarios;
  const renderer = await home.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return 'no WebGL2';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  });
  await context.close();
  const names = wantedScenarios.length ? wantedScenarios : all;
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length) log(`not among the page's scenarios (measured anyway, expect errors): ${unknown.join(', ')}`);
  const version = browser.version();
  log(`${names.length} scenarios × ${builds.join(', ')} × ${rounds} round(s), ${seconds} s each; ` +
      `chromium ${version}; ${renderer}`);

  const rows = [];
  for (let r = 1; r <= rounds; r++) {
    for (const name of names) {
      for (const build of builds) {
        const row = await measure(browser, servers[build], build, name, r);
        rows.push(row);
        console.log(JSON.stringify(row));
        log(row.ok ? `${build} ${name}: our ${fmt(row.our_ms_mean)} ms, rAF ${fmt(row.interval_ms_mean)} ms, ` +
                         `${fmt(row.steps_per_second, 0)}/${fmt(row.steps_per_second_asked, 0)} steps/s`
                   : `${build} ${name}: error: ${row.error}`);
      }
    }
  }
  const combined = new Map();
  for (const build of builds) {
    for (const name of names) {
      combined.set(`${build}/${name}`, combine(rows.filter((x) => x.build === build && x.scenario === name)));
    }
  }
  const cpuList = cpus();
  const machine = `${cpuList.length ? cpuList[0].model.trim() : 'unknown CPU'}, ${cpuList.length} cores, ` +
                  `${Math.round(totalmem() / 2 ** 30)} GiB; chromium ${version} (headless); ` +
                  `WebGL: ${renderer}; ${kViewport.width}×${kViewport.height}; load average at ` +
                  `start ${loadAtStart}; ${new Date().toISOString().replace('T', ' ').slice(0, 19)} UTC`;
  const t = targets(names, combined);
  const section = [
    '## Page', '',
    `Produced by \`${command}\` (see bench/README.md, "Page benchmark"): each scenario trains ` +
        `${seconds} s after a ${warmup} s warm-up at the default speed, ${rounds} round(s); ` +
        'medians over rounds (maxima and counts over all).', '',
    `**Machine:** ${machine}`, '',
    ...builds.flatMap((b) => [...table(b, names, combined), '']),
    ...t.lines,
  ].join('\n');
  console.log(JSON.stringify({summary: true, machine, command, ...t.summary}));
  if (outFile) {
    writeFileSync(resolve(outFile), section + '\n');
    log(`wrote ${outFile}`);
  }
  if (!noWrite) {
    writeSection(section);
    log(`wrote the Page section of ${relative(process.cwd(), resultsFile)}`);
  }
  if (rows.some((x) => !x.ok)) exitCode = 1;
} finally {
  await browser.close();
  for (const s of Object.values(servers)) s.stop();
}
process.exit(exitCode);
