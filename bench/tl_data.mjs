// Bit-exact JavaScript port of the core's generator (src/core/rng.cpp: PCG32 with dmath) and of
// the pieces of the bench workloads that use it (src/cli/bench.cpp): the W1 two-moons data, the
// Glorot-uniform initial weights and the minibatch order of SupervisedTrainer's Batcher. With
// them the TensorFlow.js runs start from the same weights on the same data as ours, and the
// manual loop visits the same minibatches in the same order.
import { readFileSync } from 'node:fs';

const M64 = (1n << 64n) - 1n;
const MULT = 6364136223846793005n;

// dmath: plain IEEE double arithmetic, identical to the C++ (no libm).
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
function frexp(x) {
  // x > 0, finite, normal (the only use is log of s in (0, 1)).
  f64[0] = x;
  const bits = u64[0];
  const e = Number((bits >> 52n) & 0x7ffn) - 1022;
  u64[0] = (bits & ~(0x7ffn << 52n)) | (1022n << 52n);
  return [f64[0], e];
}
export const kPi = 3.14159265358979323846;
export function dlog(x) {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (!Number.isFinite(x)) return x;
  let [m, e] = frexp(x);
  if (m < 0.7071067811865475244) {
    m *= 2.0;
    e -= 1;
  }
  const t = (m - 1.0) / (m + 1.0);
  const s = t * t;
  let sum = 0.0;
  for (let k = 27; k >= 1; k -= 2) sum = sum * s + 1.0 / k;
  return 2.0 * t * sum + e * 0.69314718055994530942;
}
function sinPoly(x) {
  const x2 = x * x;
  let sum = 0.0, term = x;
  for (let i = 1; i < 20; i += 2) {
    sum += term;
    term *= -x2 / ((i + 1) * (i + 2));
  }
  return sum;
}
function cosPoly(x) {
  const x2 = x * x;
  let sum = 0.0, term = 1.0;
  for (let i = 0; i < 20; i += 2) {
    sum += term;
    term *= -x2 / ((i + 1) * (i + 2));
  }
  return sum;
}
export function dsin(x) {
  if (!Number.isFinite(x)) return NaN;
  const q = Math.floor(x / (kPi / 2) + 0.5);
  const r = x - q * (kPi / 2);
  const quadrant = ((q % 4.0) + 4.0) % 4;
  switch (quadrant) {
    case 0: return sinPoly(r);
    case 1: return cosPoly(r);
    case 2: return -sinPoly(r);
    default: return -cosPoly(r);
  }
}
export const dcos = (x) => dsin(x + kPi / 2);

export class Rng {
  constructor(seed = 0n, stream = 0x5eedn) {
    this.inc = ((BigInt(stream) << 1n) | 1n) & M64;
    this.state = 0n;
    this.nextU32();
    this.state = (this.state + BigInt(seed)) & M64;
    this.nextU32();
    this.hasSpare = false;
    this.spare = 0;
  }
  nextU32() {
    const old = this.state;
    this.state = (old * MULT + this.inc) & M64;
    const xorshifted = Number((((old >> 18n) ^ old) >> 27n) & 0xffffffffn);
    const rot = Number(old >> 59n);
    return ((xorshifted >>> rot) | (xorshifted << ((32 - rot) & 31))) >>> 0;
  }
  uniform(lo, hi) {
    const a = this.nextU32() >>> 5; // 27 bits
    const b = this.nextU32() >>> 6; // 26 bits
    const u = (a * 67108864 + b) * (1.0 / 9007199254740992.0);
    return lo === undefined ? u : lo + (hi - lo) * u;
  }
  normal() {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u, v, s;
    do {
      u = 2.0 * this.uniform() - 1.0;
      v = 2.0 * this.uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s === 0.0);
    const f = Math.sqrt((-2.0 * dlog(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
  below(n) {
    const N = BigInt(n);
    let m = BigInt(this.nextU32()) * N;
    let l = Number(m & 0xffffffffn);
    if (l < n) {
      const t = (2 ** 32 - n) % n;
      while (l < t) {
        m = BigInt(this.nextU32()) * N;
        l = Number(m & 0xffffffffn);
      }
    }
    return Number(m >> 32n);
  }
  shuffle(v) {
    for (let i = v.length; i > 1; --i) {
      const j = this.below(i);
      const t = v[i - 1];
      v[i - 1] = v[j];
      v[j] = t;
    }
  }
  split(tag) {
    const hi = BigInt(this.nextU32());
    const lo = BigInt(this.nextU32());
    return new Rng((hi << 32n) | lo, (BigInt(tag) * 2654435761n + 17n) & M64);
  }
}

/// A data set as row-major points: x (n*dim Float32Array), y (Int32Array).
export function makeMoons(n, noise, rng) {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let j = 0; j < n; ++j) {
    const c = j % 2;
    const t = rng.uniform(0.0, kPi);
    let px = c === 0 ? dcos(t) : 1.0 - dcos(t);
    let py = c === 0 ? dsin(t) : 0.5 - dsin(t);
    px += noise * rng.normal();
    py += noise * rng.normal();
    x[2 * j] = px - 0.5;
    x[2 * j + 1] = py - 0.25;
    y[j] = c;
  }
  return { x, y, n, dim: 2, classes: 2 };
}

export function loadDigits(path) {
  const rows = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const n = rows.length;
  const x = new Float32Array(n * 64);
  const y = new Int32Array(n);
  rows.forEach((line, j) => {
    const v = line.split(',').map(Number);
    if (v.length !== 65) throw new Error(`${path}:${j + 1}: expected 65 values`);
    // float division, as the core's X /= 16 (exact for 0..16)
    for (let i = 0; i < 64; ++i) x[j * 64 + i] = Math.fround(v[i]) / 16;
    y[j] = v[64];
  });
  return { x, y, n, dim: 64, classes: 10 };
}

/// Workloads as in src/cli/bench.cpp.
export const WORKLOADS = {
  w1: { name: 'w1', hidden: [32, 32], batch: 32, epochs: 200, lr: 0.1 },
  w2: { name: 'w2', hidden: [128, 128], batch: 64, epochs: 50, lr: 0.1 },
};

export function workloadData(name, digitsPath) {
  if (name === 'w1') return makeMoons(1000, 0.1, new Rng(7n));
  if (name === 'w2') return loadDigits(digitsPath);
  throw new Error(`no TF.js version of workload '${name}'`);
}

/// The run's generators as the core derives them: Rng(42), init = split(1), batches = split(2).
/// Returns initial weights per layer: kernel [in, out] row-major (the core's W is out x in,
/// filled column by column, which is the same order), bias zeros; and a batch-order generator.
export function initialState(sizes) {
  const rng = new Rng(42n);
  const init = rng.split(1);
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; ++l) {
    const fin = sizes[l], fout = sizes[l + 1];
    // tanh hidden and identity output both take the Glorot limit sqrt(6 / (in + out))
    const limit = Math.sqrt(3.0 / (0.5 * (fin + fout)));
    const kernel = new Float32Array(fin * fout);
    for (let k = 0; k < kernel.length; ++k) kernel[k] = init.uniform(-limit, limit);
    layers.push({ fin, fout, kernel, bias: new Float32Array(fout) });
  }
  return { layers, batchRng: rng.split(2) };
}

/// The Batcher's index order: shuffled at construction and at the start of every later epoch.
export function* batchOrder(n, batch, rng) {
  const order = Array.from({ length: n }, (_, i) => i);
  rng.shuffle(order);
  for (let first = true; ; first = false) {
    if (!first) rng.shuffle(order);
    for (let p = 0; p < n; p += batch) yield order.slice(p, Math.min(n, p + batch));
  }
}
