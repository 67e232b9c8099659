#!/usr/bin/env node
// One command for the whole comparison (bench/README.md):
//   node bench/run.mjs [--rounds 5] [--workloads w1,w2,w2@512,w3,grid,gemm] [--threads 1,2] [--full]
//                      [--tfjs-epochs w1=40,w2=6] [--native-dir build/native] [--wasm-dir build/wasm]
//                      [--also-wasm LABEL=DIR]... [--no-build] [--no-write] [--out bench/RESULTS.md]
// Installs the TF.js packages into bench/node_modules if missing, builds the native CLI and the
// two node CLIs (single-threaded transferlab.js, threaded transferlab_threads.js; incrementally), then runs every (implementation, workload) pair once per round, rotating the
// order of the implementations every round so that slow drifts of a shared machine's load hit
// all of them alike. Prints a table of medians and ratios and writes bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const TFJS_WORKLOADS = ['w1', 'w2'];
const EPOCHS = { w1: 200, w2: 50, w3: 60 }; // as src/cli/bench.cpp runs them
const OURS_ONLY = { w3: 'W3 is a transfer scenario of ours (DANN beside its two baselines), with no TF.js counterpart in this comparison' };
const TFJS_IMPLS = [
  ['tfjs-wasm-fit', 'wasm', 'fit'],
  ['tfjs-wasm-manual', 'wasm', 'manual'],
  ['tfjs-cpu-fit', 'cpu', 'fit'],
  ['tfjs-cpu-manual', 'cpu', 'manual'],
];

// ---- options --------------------------------------------------------------------------------
const opt = {
  rounds: 5,
  workloads: ['w1', 'w2', 'w2@512', 'w3', 'grid', 'gemm'],
  threads: [1, 2],
  full: false,
  tfjsEpochs: { w1: 40, w2: 6 },
  nativeDir: 'build/native',
  wasmDir: 'build/wasm',
  alsoWasm: [],
  build: true,
  write: true,
  out: path.join(benchDir, 'RESULTS.md'),
  timeout: 600,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; ++i) {
  const a = argv[i];
  const val = () => {
    if (i + 1 >= argv.length) die(`option ${a} needs a value`);
    return argv[++i];
  };
  if (a === '--rounds') opt.rounds = Math.max(1, parseInt(val(), 10));
  else if (a === '--workloads' || a === '--workload') opt.workloads = val().split(',').filter(Boolean);
  else if (a === '--threads') opt.threads = val().split(',').map(Number).filter((t) => t >= 1);
  else if (a === '--full') opt.full = true;
  else if (a === '--tfjs-epochs') {
    for (const kv of val().split(',')) {
      const [k, v] = kv.split('=');
      opt.tfjsEpochs[k] = Number(v);
    }
  } else if (a === '--native-dir') opt.nativeDir = val();
  else if (a === '--wasm-dir') opt.wasmDir = val();
  else if (a === '--also-wasm') {
    const [label, dir] = val().split('=');
    opt.alsoWasm.push({ label, dir });
  } else if (a === '--no-build') opt.build = false;
  else if (a === '--no-write') opt.write = false;
  else if (a === '--out') opt.out = path.resolve(val());
  else if (a === '--timeout') opt.timeout = Number(val());
  else if (a === '-h' || a === '--help') {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 9).join('\n'));
    process.exit(0);
  } else die(`unknown option '${a}'`);
}
if (opt.full) opt.tfjsEpochs = { ...EPOCHS };

function die(msg) {
  console.error(`bench/run.mjs: ${msg}`);
  process.exit(2);
}
function sh(cmd, args, extra = {}) {
  console.error(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...extra });
  if (r.status !== 0) die(`'${cmd} ${args.join(' ')}' failed (exit ${r.status})`);
}
const has = (prog) => spawnSync('sh', ['-c', `command -v ${prog}`], { stdio: 'ignore' }).status === 0;

// ---- dependencies and builds ----------------------------------------------------------------
if (!existsSync(path.join(benchDir, 'node_modules/@tensorflow/tfjs-backend-wasm/package.json')))
  sh('npm', ['install', '--no-audit', '--no-fund'], { cwd: benchDir });

const emEnv = { ...process.env, NODE_PATH: process.env.NODE_PATH || '/usr/share/nodejs' };
const launcher = has('ccache') ? ['-DCMAKE_CXX_COMPILER_LAUNCHER=ccache'] : [];
function build(dir, wasm) {
  const abs = path.resolve(root, dir);
  if (!existsSync(path.join(abs, 'CMakeCache.txt'))) {
    const preset = wasm ? 'wasm' : 'native';
    const args = dir === `build/${preset}`
      ? ['--preset', preset]
      : ['-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release', '-DTL_BUILD_TESTS=OFF', '-DTL_BUILD_APP=OFF', ...launcher];
    if (wasm) sh('emcmake', ['cmake', ...args], { env: emEnv });
    else sh('cmake', args);
  }
  const targets = wasm ? ['transferlab', 'transferlab_threads'] : ['transferlab'];
  sh('cmake', ['--build', dir, '-j', String(Math.min(2, os.cpus().length)), '--target', ...targets], { env: emEnv });
}
if (opt.build) {
  build(opt.nativeDir, false);
  build(opt.wasmDir, true);
}
const nativeCli = path.resolve(root, opt.nativeDir, 'transferlab');
const wasmCli = path.resolve(root, opt.wasmDir, 'transferlab.js');
const wasmMtCli = path.resolve(root, opt.wasmDir, 'transferlab_threads.js');
for (const f of [nativeCli, wasmCli]) if (!existsSync(f)) die(`missing ${f} (build it, or drop --no-build)`);

// ---- what to measure ------------------------------------------------------------------------
const cliTakesThreads = (cmd) => {
  const r = spawnSync(cmd[0], [...cmd.slice(1), '--help'], { encoding: 'utf8' });
  return /--threads/.test(`${r.stdout}${r.stderr}`);
};
const ours = [
  { name: 'ours-native', cmd: [nativeCli], build: 'native' },
  // The single-threaded node CLI: its --threads is always 1, so it runs one thread only.
  { name: 'ours-wasm', cmd: ['node', '--no-experimental-fetch', wasmCli], build: 'wasm', single: true },
  ...(existsSync(wasmMtCli)
    ? [{ name: 'ours-wasm-mt', cmd: ['node', '--no-experimental-fetch', wasmMtCli], build: 'wasm-mt' }]
    : []),
  ...opt.alsoWasm
    .filter(({ dir }) => existsSync(path.resolve(root, dir, 'transferlab.js')))
    .map(({ label, dir }) => ({
      name: `ours-wasm-${label}`,
      cmd: ['node', '--no-experimental-fetch', path.resolve(root, dir, 'transferlab.js')],
      build: `wasm-${label}`,
    })),
];
const impls = []; // {name, build, kind, run(workload) -> args}
for (const o of ours) {
  const threaded = !o.single && cliTakesThreads(o.cmd);
  for (const t of opt.threads) {
    if (t > 1 && !threaded) continue;
    impls.push({
      name: t > 1 ? `${o.name}-t${t}` : o.name,
      build: o.build,
      ours: true,
      workloads: null, // all
      threads: t,
      args: (w) => {
        const [name, batch] = w.split('@'); // w2@256: workload w2 at minibatch 256 (ours only)
        return [...o.cmd, 'bench', '--workload', name, '--json', ...(batch ? ['--batch', batch] : []),
          ...(threaded && t > 1 ? ['--threads', String(t)] : [])];
      },
    });
  }
}
for (const [name, backend, mode] of TFJS_IMPLS) {
  impls.push({
    name,
    ours: false,
    workloads: TFJS_WORKLOADS,
    args: (w) => ['node', path.join(benchDir, 'tfjs_bench.mjs'), '--workload', w, '--backend', backend,
      '--mode', mode, '--epochs', String(opt.tfjsEpochs[w] ?? EPOCHS[w])],
  });
}
const skipped = []; // implementations that failed, with the reason
const failed = new Set();

function runOne(impl, w) {
  const [cmd, ...args] = impl.args(w);
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: opt.timeout * 1e3, cwd: root });
  const line = (r.stdout || '').split('\n').reverse().find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) {
    const err = (r.stderr || '').trim().split('\n').filter(Boolean);
    const why = r.error ? String(r.error) : `exit ${r.status}: ${err.find((l) => /^(transferlab|tfjs_bench):/.test(l)) ?? err.slice(-2).join(' ')}`;
    return { error: why };
  }
  const rec = JSON.parse(line);
  if (impl.threads > 1 && !(rec.threads >= impl.threads))
    return { error: `asked for ${impl.threads} threads, the build ran ${rec.threads} (single-threaded build)` };
  return rec;
}

// ---- rounds ---------------------------------------------------------------------------------
const results = new Map(); // key impl|workload -> [records]
const started = Date.now();
const load0 = os.loadavg();
for (let round = 0; round < opt.rounds; ++round) {
  for (const w of opt.workloads) {
    const list = impls.filter((im) => !im.workloads || im.workloads.includes(w));
    const k = list.length ? round % list.length : 0;
    const order = [...list.slice(k), ...list.slice(0, k)]; // rotating start each round
    for (const im of order) {
      if (w === 'gemm' && (!im.ours || im.threads > 1)) continue; // the single-thread peak
      if (w === 'grid' && !im.ours) continue;
      const key = `${im.name}|${w}`;
      if (failed.has(key)) continue;
      const r = runOne(im, w);
      if (r.error) {
        failed.add(key);
        skipped.push(`${im.name} ${w}: ${r.error}`);
        console.error(`round ${round + 1}: ${im.name} ${w}: FAILED ${r.error}`);
        continue;
      }
      r.round = round;
      if (!results.has(key)) results.set(key, []);
      results.get(key).push(r);
      console.error(`round ${round + 1}/${opt.rounds}: ${im.name.padEnd(18)} ${w.padEnd(5)} ` +
        (w === 'gemm' ? `${r.gflops.toFixed(2)} GFLOP/s` : w === 'grid' ? `${r.ms_median.toFixed(3)} ms per grid` :
          `${Math.round(r.samples_per_s).toString().padStart(9)} samples/s  loss ${r.final_loss.toFixed(4)}  acc ${r.final_acc.toFixed(4)}`));
    }
  }
}
const wallS = (Date.now() - started) / 1e3;

// ---- medians and ratios ---------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
};
function stat(impl, w) {
  const rs = results.get(`${impl}|${w}`);
  if (!rs || !rs.length) return null;
  const sps = rs.map((r) => r.samples_per_s);
  const med = (f) => {
    const xs = rs.map(f).filter((x) => typeof x === 'number' && Number.isFinite(x));
    return xs.length ? median(xs) : null;
  };
  return {
    n: rs.length,
    sps: median(sps),
    spread: median(sps) > 0 ? (Math.max(...sps) - Math.min(...sps)) / median(sps) : 0,
    gflops: med((r) => r.gflops),
    train_s: med((r) => r.train_s),
    loss: med((r) => r.final_loss),
    acc: med((r) => r.final_acc),
    rec: rs[0],
    med,
    epochs: rs[0].epochs ?? EPOCHS[w.split('@')[0]],
    simd: rs[0].simd,
    threads: rs[0].threads,
  };
}
// Paired A/B: the ratio within each round (the same load for both), then the median over rounds.
function paired(a, wa, b, wb, field = 'samples_per_s', fieldB = field) {
  const ra = results.get(`${a}|${wa}`) || [], rb = results.get(`${b}|${wb}`) || [];
  const rs = [];
  for (const x of ra) {
    const y = rb.find((z) => z.round === x.round);
    if (y && y[fieldB] > 0) rs.push(x[field] / y[fieldB]);
  }
  return rs.length ? median(rs) : null;
}
const fmt = (x, d = 0) => (x == null || !Number.isFinite(x) ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const fx = (r) => (r == null ? '—' : r >= 10 ? `${r.toFixed(0)}x` : `${r.toFixed(2)}x`);

const lines = [];
let overPeak = false; // a training run above its build's 256³ GEMM rate
const trainWorkloads = opt.workloads.filter((w) => w !== 'gemm' && w !== 'grid');
for (const w of trainWorkloads) {
  lines.push(`### ${w}`, '');
  lines.push('| implementation | SIMD | thr | epochs | samples/s (median) | spread | GFLOP/s | % of build GEMM peak | final loss | final acc | ours-wasm ÷ this |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const im of impls) {
    const s = stat(im.name, w);
    if (!s) continue;
    const gemmOf = im.ours ? impls.find((o) => o.ours && o.build === im.build && o.threads === 1) : null;
    const ofPeak = gemmOf && s.gflops > 0 ? paired(im.name, w, gemmOf.name, 'gemm', 'gflops') : null;
    if (ofPeak > 1) overPeak = true;
    lines.push(`| ${im.name} | ${s.simd} | ${s.threads} | ${s.epochs ?? '—'} | ${fmt(s.sps)} | ±${fmt(50 * s.spread)}% | ${s.gflops > 0 ? fmt(s.gflops, 2) : '—'} | ${ofPeak != null ? fmt(100 * ofPeak, 0) + '%' : '—'} | ${fmt(s.loss, 4)} | ${fmt(s.acc, 4)} | ${im.name === 'ours-wasm' ? '1' : fx(paired('ours-wasm', w, im.name, w))} |`);
  }
  const base = w.split('@')[0];
  lines.push('');
  if (OURS_ONLY[base]) lines.push(`TF.js: not measured: ${OURS_ONLY[base]}.`, '');
  if (base === 'w3')
    lines.push('samples/s: source minibatch columns per second of the scenario, each step training DANN (extractor 64-64-32, label head, domain head; a source and a target minibatch) and its source-only and target-oracle baselines; final loss: DANN\'s label loss averaged over the last epoch\'s minibatches; final acc: DANN\'s accuracy on the held-out target digits. GFLOP/s is not counted for this mixed workload.', '');
}
if (opt.workloads.includes('grid')) {
  lines.push('### grid (the page\'s 128×128 heatmap: basic-moons default network 2-32-32-2, class probabilities)', '',
    '| implementation | thr | ms per grid (median) | fastest | spread | Mcells/s | GFLOP/s |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const im of impls) {
    const s = stat(im.name, 'grid');
    if (!s) continue;
    const ms = results.get(`${im.name}|grid`).map((r) => r.ms_median);
    const spread = (Math.max(...ms) - Math.min(...ms)) / 2 / median(ms);
    lines.push(`| ${im.name} | ${s.threads} | ${fmt(median(ms), 3)} | ${fmt(Math.min(...results.get(`${im.name}|grid`).map((r) => r.ms_min)), 3)} | ±${fmt(100 * spread)}% | ${fmt(s.sps * 1e-6, 1)} | ${fmt(s.gflops, 2)} |`);
  }
  lines.push('', 'Each run evaluates the grid ≥ 30 times (≥ 1 s); "ms per grid" is the median over rounds of each run\'s median, "fastest" the single fastest evaluation.', '');
}
const GEMM_SHAPES = [['gemm_256x256x256', '256³'], ['gemm_128x128x64', '128×128·128×64'], ['gemm_128x64x64', '128×64·64×64'],
  ['gemm_128x64x128', '128×64·64×128'], ['gemm_64x64x64', '64³'], ['gemm_32x32x32', '32³']];
if (opt.workloads.includes('gemm')) {
  lines.push('### GEMM peak (float, one thread: the best rate over these shapes, each the best of 7 repeats)', '',
    `| build | peak GFLOP/s (median over rounds) | ${GEMM_SHAPES.map(([, l]) => l).join(' | ')} | SIMD |`,
    `|---|---:|${GEMM_SHAPES.map(() => '---:').join('|')}|---|`);
  for (const im of impls) {
    const s = stat(im.name, 'gemm');
    if (s && im.threads === 1)
      lines.push(`| ${im.name} | ${fmt(s.gflops, 2)} | ${GEMM_SHAPES.map(([k]) => fmt(s.med((r) => r[k]), 2)).join(' | ')} | ${s.simd} |`);
  }
  lines.push('', 'The shapes 128×… are the products of a W2 step (forward, input gradient, weight gradient at batch 64), so "% of GEMM peak" compares a training run with the best its build does on the same shapes; 32³ is the W1 hidden layer\'s product.', '');
}

// Targets of the performance issue, as measured in this run.
const targets = [];
for (const [w, want] of [['w1', 20], ['w2', 5]]) {
  if (!trainWorkloads.includes(w)) continue;
  // against the faster of the two TF.js-WASM modes
  const rs = ['tfjs-wasm-fit', 'tfjs-wasm-manual'].map((n) => paired('ours-wasm', w, n, w)).filter((x) => x != null);
  const r = rs.length ? Math.min(...rs) : null;
  if (r != null) targets.push(`| ${w}: ours-wasm ÷ best TF.js-WASM samples/s | ≥ ${want}x | ${fx(r)} | ${r >= want ? 'met' : 'missed'} |`);
}
for (const w of ['w1', 'w2']) {
  if (!trainWorkloads.includes(w)) continue;
  const r = paired('ours-native', w, 'ours-wasm', w);
  if (r != null) targets.push(`| ${w}: native ÷ wasm samples/s | ≤ 1.3x | ${fx(r)} | ${r <= 1.3 ? 'met' : 'missed'} |`);
}
if (opt.workloads.includes('grid')) {
  for (const impl of ['ours-native', 'ours-native-t2']) {
    const rs = results.get(`${impl}|grid`);
    if (!rs) continue;
    const ms = median(rs.map((r) => r.ms_median));
    const want = impl === 'ours-native' ? 2 : 1;  // one thread < 2 ms, two threads < 1 ms
    targets.push(`| grid (${impl}): ms per 128×128 heatmap | < ${want} ms | ${ms.toFixed(2)} ms | ${ms < want ? 'met' : 'missed'} |`);
  }
}
for (const impl of ['ours-wasm', 'ours-native']) {
  const f = paired(impl, 'w2', impl, 'gemm', 'gflops');
  if (f != null) {
    targets.push(`| w2 (${impl}): GFLOP/s ÷ same build's GEMM peak | ≥ 70% | ${(100 * f).toFixed(0)}% | ${f >= 0.7 ? 'met' : 'missed'} |`);
  }
}
// Data-parallel gradient: each threaded row against the same build on one thread.
const scaling = [];
for (const im of impls.filter((x) => x.ours && x.threads > 1)) {
  const one = impls.find((x) => x.ours && x.build === im.build && x.threads === 1);
  for (const w of trainWorkloads) {
    const r = paired(im.name, w, one.name, w);
    if (r != null) scaling.push(`| ${im.name} | ${w} | ${fx(r)} |`);
  }
}
if (scaling.length)
  lines.push('### Threads (speed-up over the same build on one thread, samples/s)', '', '| implementation | workload | speed-up |', '|---|---|---:|', ...scaling, '');
if (targets.length) {
  lines.push('### Targets', '', '| target | wanted | measured | |', '|---|---:|---:|---|', ...targets, '');
}

// ---- machine line and output ----------------------------------------------------------------
const cpu = (() => {
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    return m ? m[1].trim() : os.cpus()[0]?.model;
  } catch {
    return os.cpus()[0]?.model ?? 'unknown CPU';
  }
})();
const tfjsVersion = (() => {
  try {
    return JSON.parse(readFileSync(path.join(benchDir, 'node_modules/@tensorflow/tfjs/package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
})();
const emcc = spawnSync('sh', ['-c', 'emcc --version 2>/dev/null | head -1'], { encoding: 'utf8', env: emEnv }).stdout.trim();
const date = new Date().toISOString().replace('T', ' ').replace(/\..*/, ' UTC');
const machine = `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; ` +
  `TensorFlow.js ${tfjsVersion}; Emscripten ${(emcc.match(/\d+\.\d+\.\d+/) || ['?'])[0]}; load average at start ${load0.map((x) => x.toFixed(1)).join(' ')}; ${date}`;
const tfjsRan = trainWorkloads.filter((w) => TFJS_WORKLOADS.includes(w));
const notes = [
  `${opt.rounds} rounds, implementation order rotated each round; samples/s and GFLOP/s are medians over rounds, spread = (max − min) ÷ 2 ÷ median; ratios and % of GEMM peak are paired: taken within each round (same machine load), then the median over rounds. Wall time ${wallS.toFixed(0)} s.`,
  ...(tfjsRan.length ? [
    `Our CLIs run the full epochs (w1 ${EPOCHS.w1}, w2 ${EPOCHS.w2}); TF.js runs ${tfjsRan.map((w) => `${w} ${opt.tfjsEpochs[w] ?? EPOCHS[w]}`).join(', ')} epochs` +
      `${opt.full ? '' : ' (reduced to keep the run short: samples/s does not depend on the epoch count, but its loss/accuracy are those of the shorter run)'}.`,
    'TF.js starts from the same initial weights on the same data; the manual loop also visits the same minibatches in the same order as ours.',
    'TF.js-WASM threads: unavailable under node (tfjs-backend-wasm sets WASM_HAS_MULTITHREAD_SUPPORT false under node; forcing it fails creating its pthread worker from a blob: URL), so TF.js-WASM runs single-threaded SIMD.',
  ] : []),
  ...(impls.some((im) => im.name === 'ours-wasm-mt')
    ? ['ours-wasm is the single-threaded node CLI (transferlab.js); WASM SIMD + threads is the threaded one (transferlab_threads.js, ours-wasm-mt rows), whose one-thread row is the baseline of its speed-up.']
    : ['ours-wasm is the single-threaded node CLI; the threaded one (transferlab_threads.js) was not found, so WASM threads are not measured.']),
  ...(overPeak ? ['A share of the GEMM peak above 100% means the 256³ product ran slower than the training run\'s smaller products: its 768 KiB of operands do not stay in the per-core L2 cache, and on a loaded shared machine the L3 is contended, so 256³ is then no peak.'] : []),
  ...skipped.map((s) => `Not measured: ${s}`),
];
const table = lines.join('\n');
console.log(`\n${machine}\n\n${table}\n${notes.map((n) => `- ${n}`).join('\n')}`);
if (opt.write) {
  const cmd = `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim();
  // The page section (bench/page.mjs writes it between its markers) stays as it is.
  const previous = existsSync(opt.out) ? readFileSync(opt.out, 'utf8') : '';
  const begin = previous.indexOf('<!-- page:begin -->');
  const end = previous.indexOf('<!-- page:end -->');
  const page = begin >= 0 && end > begin ? `\n${previous.slice(begin, end + '<!-- page:end -->'.length)}\n` : '';
  writeFileSync(opt.out, `# Benchmark results\n\nProduced by \`${cmd}\` (see bench/README.md for the workloads and how to read this).\n\n` +
    `**Machine:** ${machine}\n\n${table}\n${notes.map((n) => `- ${n}`).join('\n')}\n${page}`);
  console.error(`wrote ${path.relative(root, opt.out)}`);
}
