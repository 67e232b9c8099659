// The `transferlab bench` MLP workloads in TensorFlow.js, for comparison (bench/README.md).
//   node tfjs_bench.mjs --workload w1|w2 --backend wasm|cpu --mode fit|manual [--epochs N]
// Prints one JSON line: {"impl","workload","backend","mode","simd","threads","epochs","train_s",
// "samples_per_s","gflops","final_loss","final_acc"}.
//
// Same data (W1's moons from a bit-exact port of the core's generator, W2 from digits.csv), same
// architecture (tanh hidden layers, linear output, softmax cross-entropy on the logits, batch
// mean), same initial weights (the core's Glorot-uniform draw), batch, plain SGD lr and epochs.
//   fit:    tf.LayersModel.fit (its own shuffling, last partial batch kept), the usual TF.js path.
//   manual: tf.variableGrads over raw matMul/add/tanh and an SGD assign, visiting exactly the
//           core's minibatches in the core's order.
// A few warm-up steps on throw-away weights run before the clock starts.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as tfwasm from '@tensorflow/tfjs-backend-wasm';
import { WORKLOADS, workloadData, initialState, batchOrder } from './tl_data.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = { workload: 'w1', backend: 'wasm', mode: 'fit', epochs: 0 };
for (let i = 2; i < process.argv.length; ++i) {
  const a = process.argv[i];
  const key = a.replace(/^--/, '');
  if (!(key in args) || i + 1 >= process.argv.length) {
    console.error(`tfjs_bench: unknown or incomplete option '${a}'`);
    process.exit(2);
  }
  args[key] = key === 'epochs' ? Number(process.argv[++i]) : process.argv[++i];
}
const w = WORKLOADS[args.workload];
if (!w) {
  console.error(`tfjs_bench: no TF.js version of workload '${args.workload}'`);
  process.exit(2);
}
const epochs = args.epochs > 0 ? args.epochs : w.epochs;

if (args.backend === 'wasm') {
  // The .wasm files ship in the package; point at them explicitly so nothing is fetched.
  tfwasm.setWasmPaths(path.join(here, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
}
if (!(await tf.setBackend(args.backend))) {
  console.error(`tfjs_bench: backend '${args.backend}' failed to initialise`);
  process.exit(3);
}
await tf.ready();
const simd = args.backend === 'wasm' ? (tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'wasm-simd' : 'wasm') : 'js';
const threads = args.backend === 'wasm' ? tfwasm.getThreadsCount() : 1;

const data = workloadData(args.workload, path.join(here, '../third_party/data/digits.csv'));
const sizes = [data.dim, ...w.hidden, data.classes];
const X = tf.tensor2d(data.x, [data.n, data.dim]);
const Y = tf.oneHot(tf.tensor1d(data.y, 'int32'), data.classes).toFloat();
const lossOf = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits); // batch mean

function buildModel(init) {
  const model = tf.sequential();
  init.layers.forEach((l, i) => {
    const last = i + 1 === init.layers.length;
    model.add(tf.layers.dense({
      units: l.fout,
      activation: last ? 'linear' : 'tanh',
      inputShape: i === 0 ? [l.fin] : undefined,
      weights: [tf.tensor2d(l.kernel, [l.fin, l.fout]), tf.tensor1d(l.bias)],
    }));
  });
  model.compile({ optimizer: tf.train.sgd(w.lr), loss: lossOf });
  return model;
}

function makeVars(init) {
  return init.layers.map((l) => ({
    W: tf.variable(tf.tensor2d(l.kernel, [l.fin, l.fout])),
    b: tf.variable(tf.tensor1d(l.bias)),
  }));
}
function forward(vars, x) {
  let a = x;
  vars.forEach((v, i) => {
    const z = tf.add(tf.matMul(a, v.W), v.b);
    a = i + 1 === vars.length ? z : tf.tanh(z);
  });
  return a;
}
function sgdStep(vars, idx) {
  tf.tidy(() => {
    const ind = tf.tensor1d(idx, 'int32');
    const xb = tf.gather(X, ind), yb = tf.gather(Y, ind);
    const { grads } = tf.variableGrads(() => lossOf(yb, forward(vars, xb)));
    for (const v of vars) {
      for (const p of [v.W, v.b]) p.assign(tf.sub(p, tf.mul(grads[p.name], w.lr)));
    }
  });
}

async function trainFit(init) {
  const model = buildModel(init);
  const t0 = performance.now();
  await model.fit(X, Y, { batchSize: w.batch, epochs, shuffle: true, verbose: 0 });
  const train_s = (performance.now() - t0) / 1e3;
  return { train_s, predict: (x) => model.predict(x) };
}

function trainManual(init) {
  const vars = makeVars(init);
  const order = batchOrder(data.n, w.batch, init.batchRng);
  const steps = epochs * Math.ceil(data.n / w.batch);
  const t0 = performance.now();
  for (let s = 0; s < steps; ++s) sgdStep(vars, order.next().value);
  vars[0].W.dataSync(); // all work done (the wasm and cpu backends are synchronous anyway)
  const train_s = (performance.now() - t0) / 1e3;
  return { train_s, predict: (x) => forward(vars, x) };
}

// Warm-up: compile kernels and fill caches on throw-away weights, off the clock.
{
  const warm = initialState(sizes);
  if (args.mode === 'fit') {
    const m = buildModel(warm);
    const k = Math.min(data.n, 4 * w.batch);
    await m.fit(X.slice(0, k), Y.slice(0, k), { batchSize: w.batch, epochs: 1, verbose: 0 });
    m.dispose();
  } else {
    const v = makeVars(warm);
    const it = batchOrder(data.n, w.batch, warm.batchRng);
    for (let s = 0; s < 4; ++s) sgdStep(v, it.next().value);
    v.forEach((p) => { p.W.dispose(); p.b.dispose(); });
  }
}

let trained;
if (args.mode === 'fit') trained = await trainFit(initialState(sizes));
else if (args.mode === 'manual') trained = trainManual(initialState(sizes));
else {
  console.error(`tfjs_bench: unknown mode '${args.mode}' (fit, manual)`);
  process.exit(2);
}

const [final_loss, final_acc] = tf.tidy(() => {
  const logits = trained.predict(X);
  const acc = tf.mean(tf.equal(tf.argMax(logits, 1), tf.argMax(Y, 1)).toFloat());
  return [lossOf(Y, logits).dataSync()[0], acc.dataSync()[0]];
});
let macs = 0;
for (let i = 0; i + 1 < sizes.length; ++i) macs += sizes[i] * sizes[i + 1];
const samples = data.n * epochs;
const r = {
  impl: `tfjs-${args.backend}-${args.mode}`,
  workload: args.workload,
  backend: args.backend,
  mode: args.mode,
  simd,
  threads,
  epochs,
  train_s: trained.train_s,
  samples_per_s: samples / trained.train_s,
  gflops: (6 * macs * samples) / trained.train_s / 1e9,
  final_loss,
  final_acc,
};
console.log(JSON.stringify(r));
