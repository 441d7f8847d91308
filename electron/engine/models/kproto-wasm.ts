import { FunctionBody, moduleBytes, OP, SIMD } from '../cluster/wasm-encoder';
import type { MixedMatrix } from './kprototypes';
import type { PackedCategories } from './kproto-kernel';

/**
 * The bounded assignment pass of k-prototypes (Hamerly) as WebAssembly with 128-bit SIMD,
 * generated per (numeric columns p, k) like the k-means kernels (cluster/assign-wasm.ts):
 * prototypes in lane pairs, each lane doing the scalar pass's arithmetic in the scalar pass's
 * order, so labels and bounds are the same numbers the plain loop would give:
 * - a row's cost to prototype c is table[packed row, c] (γ × mismatches with c's modes), then
 *   + (x_j − centre_cj)² for j = 0..p−1, added one after the other;
 * - the nearest prototype is the lowest index among equal costs; the second-nearest cost counts
 *   ties (two equal minima make it that minimum).
 * The table is stored combination-major (row of k, padded to even, per packed combination) so a
 * pair's two categorical costs are one load; a padding prototype costs +∞.
 */
export interface KprotoKernel {
  /** Views into the kernel memory: the fit works on these in place. */
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
  moves: Float64Array;
  half: Float64Array;
  /** Pairs (row, former label) of the rows that changed in the last pass. */
  moved: Int32Array;
  /** Copies the prototypes' means (k × p) in. */
  setCentres(centroids: Float64Array): void;
  /** Copies the γ × mismatch table (k × width, prototype-major as mismatchTable builds it) in. */
  setTable(table: Float64Array): void;
  /** One pass over all rows; returns how many changed label. */
  pass(topC: number, top: number, second: number): number;
}

const PAGE = 65536;

function range(p: number): number[] {
  return Array.from({ length: p }, (_, j) => j);
}

function boundedBody(p: number, k: number): FunctionBody {
  const k2 = k + (k & 1);
  const f = new FunctionBody(
    [
      ['n', 'i32'],
      ['num', 'i32'],
      ['packed', 'i32'],
      ['table', 'i32'],
      ['centres', 'i32'],
      ['pairs', 'i32'],
      ['labels', 'i32'],
      ['upper', 'i32'],
      ['lower', 'i32'],
      ['moves', 'i32'],
      ['half', 'i32'],
      ['topC', 'i32'],
      ['top', 'f64'],
      ['second', 'f64'],
      ['moved', 'i32'],
    ],
    ['i32'],
  );
  f.local('i', 'i32').local('o', 'i32').local('a', 'i32').local('bc', 'i32').local('changed', 'i32').local('trow', 'i32').local('cptr', 'i32');
  f.local('ua', 'i32').local('ul', 'i32').local('q', 'i32');
  f.local('u', 'f64').local('l', 'f64').local('bound', 'f64').local('d', 'f64').local('t0', 'f64').local('bestD', 'f64').local('secondD', 'f64');
  for (const j of range(p)) f.local(`x${j}`, 'f64');
  for (const j of range(p)) f.local(`v${j}`, 'v128');
  f.local('acc', 'v128').local('t', 'v128').local('best', 'v128').local('sec', 'v128').local('bestC', 'v128');
  f.local('cv', 'v128').local('m', 'v128').local('two', 'v128').local('inf', 'v128').local('cv0', 'v128').local('bsw', 'v128').local('csw', 'v128');
  f.f64(2).simd(SIMD.f64x2Splat).set('two');
  f.f64(Infinity).simd(SIMD.f64x2Splat).set('inf');
  f.f64(1).simd(SIMD.f64x2Splat).f64(0).replaceLane(0).set('cv0');
  f.i32(0).set('i');
  f.block();
  f.get('n').i32(0).op(OP.i32LtS).get('n').op(OP.i32Eqz).op(OP.i32Or).brIf(0);
  f.loop();
  f.block();
  // a = labels[i]; u = upper + moves[a]; l = lower − (a = topC ? second : top); bound = max(half[a], l).
  f.get('labels').get('i').i32(2).op(OP.i32Shl).op(OP.i32Add).load('i32').set('a');
  f.get('upper').get('i').i32(3).op(OP.i32Shl).op(OP.i32Add).tee('ua').load('f64');
  f.get('moves').get('a').i32(3).op(OP.i32Shl).op(OP.i32Add).load('f64').op(OP.f64Add).set('u');
  f.get('lower').get('i').i32(3).op(OP.i32Shl).op(OP.i32Add).tee('ul').load('f64');
  f.get('second').get('top').get('a').get('topC').op(OP.i32Eq).op(OP.select).op(OP.f64Sub).set('l');
  // half[a] > l ? half[a] : l, as pmax(l, half[a]) of splats.
  f.get('l').simd(SIMD.f64x2Splat).get('half').get('a').i32(3).op(OP.i32Shl).op(OP.i32Add).load('f64').simd(SIMD.f64x2Splat).simd(SIMD.f64x2Pmax).lane(0).set('bound');
  // Not u > bound: keep the label and the moved bounds.
  f.get('u').get('bound').op(OP.f64Gt).op(OP.i32Eqz).if();
  f.get('ua').get('u').store('f64').get('ul').get('l').store('f64').br(1);
  f.end();
  f.get('num').get('i').i32(p * 8).op(OP.i32Mul).op(OP.i32Add).set('o');
  for (const j of range(p)) f.get('o').load('f64', j * 8).set(`x${j}`);
  // trow = table + packed[i]·k2·8: the row's categorical costs to every prototype.
  f.get('table').get('packed').get('i').i32(2).op(OP.i32Shl).op(OP.i32Add).load('i32').i32(k2 * 8).op(OP.i32Mul).op(OP.i32Add).set('trow');
  // The exact cost to its own prototype.
  f.get('centres').get('a').i32(p * 8).op(OP.i32Mul).op(OP.i32Add).set('cptr');
  f.get('trow').get('a').i32(3).op(OP.i32Shl).op(OP.i32Add).load('f64');
  for (const j of range(p)) f.get(`x${j}`).get('cptr').load('f64', j * 8).op(OP.f64Sub).tee('t0').get('t0').op(OP.f64Mul).op(OP.f64Add);
  f.set('d');
  f.get('d').op(OP.f64Sqrt).tee('u').get('bound').op(OP.f64Gt).op(OP.i32Eqz).if();
  f.get('ua').get('u').store('f64').get('ul').get('l').store('f64').br(1);
  f.end();
  // Every prototype, two at a time.
  for (const j of range(p)) f.get(`x${j}`).simd(SIMD.f64x2Splat).set(`v${j}`);
  f.get('inf').set('best').get('inf').set('sec').get('cv0').tee('cv').set('bestC');
  f.get('pairs').set('cptr').get('trow').set('o').i32(k2 / 2).set('q');
  f.loop();
  f.get('o').load('v128');
  for (const j of range(p)) f.get(`v${j}`).get('cptr').load('v128', j * 16).simd(SIMD.f64x2Sub).tee('t').get('t').simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add);
  f.set('acc');
  f.get('acc').get('best').simd(SIMD.f64x2Lt).set('m');
  f.get('best').get('sec').get('acc').simd(SIMD.f64x2Pmin).get('m').simd(SIMD.v128Bitselect).set('sec');
  f.get('acc').get('best').get('m').simd(SIMD.v128Bitselect).set('best');
  f.get('cv').get('bestC').get('m').simd(SIMD.v128Bitselect).set('bestC');
  f.get('cv').get('two').simd(SIMD.f64x2Add).set('cv');
  f.get('cptr').i32(p * 16).op(OP.i32Add).set('cptr');
  f.get('o').i32(16).op(OP.i32Add).set('o');
  f.get('q').i32(1).op(OP.i32Sub).tee('q').brIf(0);
  f.end();
  // Lane 1 wins when its best is lower, or equal with a lower index.
  f.get('best').get('best').swapLanes().set('bsw');
  f.get('bestC').get('bestC').swapLanes().set('csw');
  f.get('bsw').get('best').simd(SIMD.f64x2Lt);
  f.get('bsw').get('best').simd(SIMD.f64x2Eq).get('csw').get('bestC').simd(SIMD.f64x2Lt).simd(SIMD.v128And);
  f.simd(SIMD.v128Or).set('m');
  f.get('bsw').get('best').get('m').simd(SIMD.v128Bitselect).lane(0).set('bestD');
  f.get('csw').get('bestC').get('m').simd(SIMD.v128Bitselect).lane(0).op(OP.i32TruncF64S).set('bc');
  f.get('sec').get('sec').get('sec').swapLanes().simd(SIMD.f64x2Pmin);
  f.get('best').get('bsw').get('m').simd(SIMD.v128Bitselect).simd(SIMD.f64x2Pmin).lane(0).set('secondD');
  f.get('labels').get('i').i32(2).op(OP.i32Shl).op(OP.i32Add).get('bc').store('i32');
  f.get('ua').get('bestD').op(OP.f64Sqrt).store('f64');
  f.get('ul').get('secondD').op(OP.f64Sqrt).store('f64');
  f.get('bc').get('a').op(OP.i32Ne).if();
  f.get('moved').get('changed').i32(3).op(OP.i32Shl).op(OP.i32Add).tee('o').get('i').store('i32');
  f.get('o').get('a').store('i32', 4);
  f.get('changed').i32(1).op(OP.i32Add).set('changed');
  f.end();
  f.end();
  f.get('i').i32(1).op(OP.i32Add).tee('i').get('n').op(OP.i32LtS).brIf(0);
  f.end();
  f.end();
  f.get('changed');
  return f;
}

const modules = new Map<string, WebAssembly.Module>();

function moduleFor(p: number, k: number): WebAssembly.Module {
  const key = `${p}:${k}`;
  let mod = modules.get(key);
  if (!mod) {
    mod = new WebAssembly.Module(moduleBytes({ bounded: boundedBody(p, k) }));
    modules.set(key, mod);
  }
  return mod;
}

/** A kernel memory for fits of k prototypes on m (the numeric part and packed levels copied in). */
export function kprotoKernel(m: MixedMatrix, pack: PackedCategories, k: number): KprotoKernel {
  const { n, pn: p } = m;
  const k2 = k + (k & 1);
  let at = 0;
  const take = (bytes: number): number => {
    const start = at;
    at += Math.ceil(bytes / 16) * 16;
    return start;
  };
  const num = take(n * p * 8);
  const packed = take(n * 4);
  const table = take(pack.width * k2 * 8);
  const centres = take(k * p * 8);
  const pairs = take((k2 / 2) * p * 16);
  const labels = take(n * 4);
  const upper = take(n * 8);
  const lower = take(n * 8);
  const moves = take(k * 8);
  const half = take(k * 8);
  const moved = take(n * 8);
  const pages = Math.max(1, Math.ceil(at / PAGE));
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const buf = memory.buffer;
  new Float64Array(buf, num, n * p).set(m.num);
  new Int32Array(buf, packed, n).set(pack.packed);
  const tableView = new Float64Array(buf, table, pack.width * k2);
  const centresView = new Float64Array(buf, centres, k * p);
  const pairsView = new Float64Array(buf, pairs, k2 * p);
  const exports = new WebAssembly.Instance(moduleFor(p, k), { env: { memory } }).exports as unknown as {
    bounded(...args: number[]): number;
  };
  return {
    labels: new Int32Array(buf, labels, n),
    upper: new Float64Array(buf, upper, n),
    lower: new Float64Array(buf, lower, n),
    moves: new Float64Array(buf, moves, k),
    half: new Float64Array(buf, half, k),
    moved: new Int32Array(buf, moved, 2 * n),
    setCentres(centroids) {
      centresView.set(centroids.subarray(0, k * p));
      // Prototype c in lane c % 2 of pair ⌊c/2⌋; a padding prototype at 0 (its table cost is +∞).
      for (let c = 0; c < k2; c++) for (let j = 0; j < p; j++) pairsView[((c >> 1) * p + j) * 2 + (c & 1)] = c < k ? centroids[c * p + j]! : 0;
    },
    setTable(mismatch) {
      const w = pack.width;
      for (let v = 0; v < w; v++) {
        for (let c = 0; c < k; c++) tableView[v * k2 + c] = mismatch[c * w + v]!;
        if (k2 > k) tableView[v * k2 + k] = Infinity;
      }
    },
    pass: (topC, top, second) => exports.bounded(n, num, packed, table, centres, pairs, labels, upper, lower, moves, half, topC, top, second, moved),
  };
}
