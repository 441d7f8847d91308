import { silhouetteSums } from './silhouette-wasm';
import { FunctionBody, moduleBytes, OP, SIMD } from './wasm-encoder';

/**
 * The two row loops of Lloyd's algorithm as WebAssembly with 128-bit SIMD, generated once per
 * feature count p (the feature loop unrolled, so a row lives in registers). They are almost all
 * of k-means' time; two f64 lanes and no bounds checks made them about twice as fast as the
 * JavaScript loops they replaced (measured on 1M × 8, k = 8; see bench/kmeans.bench.ts).
 *
 * Centres are laid out in pairs for the lanes: pair q holds, for each feature j, the 16 bytes
 * (centre 2q, centre 2q+1) at ((q·p) + j)·16; an odd k pads the last pair with +∞ coordinates,
 * whose distance is +∞ and never wins.
 *
 * scan: the nearest centre of a row (the lowest index on ties), its squared distance and the
 * second-smallest squared distance. Each lane keeps its own best, second and index across the
 * pairs (strict <, so the first on ties), then the lanes are combined. The sums of squares run
 * feature by feature in order, exactly as a scalar loop would, so the labels do not depend on
 * the lanes.
 *
 * assignAll: scan every row; exact bounds.
 * assignBounded: Hamerly's test per row (upper ≤ max(half distance from its centre to the
 * nearest other centre, lower) ⇒ the label cannot change); a row that fails it recomputes its
 * own distance and tests again, then scans. On a tie with its own centre the row stays.
 *
 * Both keep the block's cluster sums in step with every label change (a row without a label yet,
 * −1, is added to its first cluster). Every address is a byte offset into the one memory.
 */
const ALL_PARAMS: [string, 'i32'][] = [
  ['start', 'i32'],
  ['end', 'i32'],
  ['sums', 'i32'],
  ['counts', 'i32'],
  ['data', 'i32'],
  ['labels', 'i32'],
  ['upper', 'i32'],
  ['lower', 'i32'],
  ['pairs', 'i32'],
  ['pairCount', 'i32'],
];

export interface AssignExports {
  sse(start: number, end: number, data: number, labels: number, centres: number): number;
  plusPlusPots(start: number, end: number, data: number, closest: number, pairs: number, pairCount: number, pots: number, out: number, outStride: number): void;
  plusPlusUpdate(start: number, end: number, data: number, closest: number, centre: number): number;
  /** Silhouette sums for lane pairs [start, end) (silhouette-wasm.ts). */
  silhouetteSums(start: number, end: number, x: number, s: number, labs: number, L: number, offsets: number, width: number, sums: number): void;
  assignAll(start: number, end: number, sums: number, counts: number, data: number, labels: number, upper: number, lower: number, pairs: number, pairCount: number): number;
  assignBounded(
    start: number,
    end: number,
    sums: number,
    counts: number,
    data: number,
    labels: number,
    upper: number,
    lower: number,
    pairs: number,
    pairCount: number,
    centres: number,
    shift: number,
    otherShift: number,
    half: number,
  ): number;
}

function range(p: number): number[] {
  return Array.from({ length: p }, (_, j) => j);
}

function declareCommon(f: FunctionBody, p: number): void {
  f.local('i', 'i32').local('o', 'i32').local('changed', 'i32').local('q', 'i32').local('cptr', 'i32');
  f.local('bc', 'i32').local('from', 'i32');
  for (const j of range(p)) f.local(`x${j}`, 'f64');
  f.local('bestD', 'f64').local('secondD', 'f64').local('t0', 'f64');
  for (const j of range(p)) f.local(`v${j}`, 'v128');
  f.local('acc', 'v128').local('t', 'v128').local('best', 'v128').local('second', 'v128').local('bestC', 'v128');
  f.local('cv', 'v128').local('m', 'v128').local('two', 'v128').local('inf', 'v128').local('cv0', 'v128').local('bsw', 'v128').local('csw', 'v128');
}

/** Constants hoisted out of the row loop: splat(2), splat(+∞), (0, 1). */
function constants(f: FunctionBody): void {
  f.f64(2).simd(SIMD.f64x2Splat).set('two');
  f.f64(Infinity).simd(SIMD.f64x2Splat).set('inf');
  // The first pair's centre indices (0, 1).
  f.f64(1).simd(SIMD.f64x2Splat).f64(0).replaceLane(0).set('cv0');
}

/** o = data + i·p·8; x_j = row values. */
function loadRow(f: FunctionBody, p: number): void {
  f.get('data').get('i').i32(p * 8).op(OP.i32Mul).op(OP.i32Add).set('o');
  for (const j of range(p)) f.get('o').load('f64', j * 8).set(`x${j}`);
}

/** Nearest centre of the row in x_j → bc, bestD, secondD. */
function scan(f: FunctionBody, p: number): void {
  for (const j of range(p)) f.get(`x${j}`).simd(SIMD.f64x2Splat).set(`v${j}`);
  f.get('inf').set('best').get('inf').set('second').get('cv0').tee('cv').set('bestC');
  f.get('pairs').set('cptr').get('pairCount').set('q');
  f.loop();
  for (const j of range(p)) {
    f.get(`v${j}`).get('cptr').load('v128', j * 16).simd(SIMD.f64x2Sub).tee('t').get('t').simd(SIMD.f64x2Mul);
    if (j > 0) f.simd(SIMD.f64x2Add);
  }
  f.set('acc');
  f.get('acc').get('best').simd(SIMD.f64x2Lt).set('m');
  f.get('best').get('second').get('acc').simd(SIMD.f64x2Pmin).get('m').simd(SIMD.v128Bitselect).set('second');
  f.get('acc').get('best').get('m').simd(SIMD.v128Bitselect).set('best');
  f.get('cv').get('bestC').get('m').simd(SIMD.v128Bitselect).set('bestC');
  f.get('cv').get('two').simd(SIMD.f64x2Add).set('cv');
  f.get('cptr').i32(p * 16).op(OP.i32Add).set('cptr');
  f.get('q').i32(1).op(OP.i32Sub).tee('q').brIf(0);
  f.end();
  // Combine the lanes in vectors (TurboFan turns a scalar f64 select into a branch, and which
  // lane wins is a coin toss): swapped copies put lane 1 beside lane 0, and lane 0 of
  // w = (b1 < b0) | (b1 = b0 & c1 < c0) says lane 1 wins.
  f.get('best').get('best').swapLanes().set('bsw');
  f.get('bestC').get('bestC').swapLanes().set('csw');
  f.get('bsw').get('best').simd(SIMD.f64x2Lt);
  f.get('bsw').get('best').simd(SIMD.f64x2Eq).get('csw').get('bestC').simd(SIMD.f64x2Lt).simd(SIMD.v128And);
  f.simd(SIMD.v128Or).set('m');
  f.get('bsw').get('best').get('m').simd(SIMD.v128Bitselect).lane(0).set('bestD');
  f.get('csw').get('bestC').get('m').simd(SIMD.v128Bitselect).lane(0).op(OP.i32TruncF64S).set('bc');
  // Second: the smaller of the two lanes' seconds and the losing lane's best.
  f.get('second').get('second').get('second').swapLanes().simd(SIMD.f64x2Pmin);
  f.get('best').get('bsw').get('m').simd(SIMD.v128Bitselect).simd(SIMD.f64x2Pmin).lane(0).set('secondD');
}

/** sums[from] −= x, sums[to] += x, counts likewise (from < 0: add only). */
function moveRow(f: FunctionBody, p: number, maybeUnlabelled: boolean): void {
  // The row's values into (f64.add) or out of (f64.sub) the sums and count of `cluster`.
  const update = (cluster: 'from' | 'bc', op: number): void => {
    f.get('sums').get(cluster).i32(p * 8).op(OP.i32Mul).op(OP.i32Add).set('o');
    for (const j of range(p)) f.get('o').get('o').load('f64', j * 8).get(`x${j}`).op(op).store('f64', j * 8);
    f.get('counts').get(cluster).i32(3).op(OP.i32Shl).op(OP.i32Add).tee('o').get('o').load('f64').f64(1).op(op).store('f64');
  };
  if (maybeUnlabelled) {
    f.get('from').i32(0).op(OP.i32GeS).if();
    update('from', OP.f64Sub);
    f.end();
  } else update('from', OP.f64Sub);
  update('bc', OP.f64Add);
}

/** upper[i] = √bestD, lower[i] = √secondD. */
function storeBounds(f: FunctionBody): void {
  f.get('upper').get('i').i32(3).op(OP.i32Shl).op(OP.i32Add).get('bestD').op(OP.f64Sqrt).store('f64');
  f.get('lower').get('i').i32(3).op(OP.i32Shl).op(OP.i32Add).get('secondD').op(OP.f64Sqrt).store('f64');
}

/** labels[i] := bc when it differs from `from`, moving the row's sums; counts the change. */
function relabel(f: FunctionBody, p: number, maybeUnlabelled: boolean): void {
  f.get('from').get('bc').op(OP.i32Ne).if();
  f.get('changed').i32(1).op(OP.i32Add).set('changed');
  moveRow(f, p, maybeUnlabelled);
  f.get('labels').get('i').i32(2).op(OP.i32Shl).op(OP.i32Add).get('bc').store('i32');
  f.end();
}

/** for (i = start; i < end; i++) { body } — `body` may `br` to its block's end for the next row. */
function rowLoop(f: FunctionBody, body: () => void): void {
  f.get('start').set('i');
  f.block();
  f.get('i').get('end').op(OP.i32GeS).brIf(0);
  f.loop();
  f.block();
  body();
  f.end();
  f.get('i').i32(1).op(OP.i32Add).tee('i').get('end').op(OP.i32LtS).brIf(0);
  f.end();
  f.end();
}

function assignAll(p: number): FunctionBody {
  const f = new FunctionBody(ALL_PARAMS, ['i32']);
  declareCommon(f, p);
  constants(f);
  rowLoop(f, () => {
    loadRow(f, p);
    scan(f, p);
    f.get('labels').get('i').i32(2).op(OP.i32Shl).op(OP.i32Add).load('i32').set('from');
    relabel(f, p, true);
    storeBounds(f);
  });
  f.get('changed');
  return f;
}

function assignBounded(p: number): FunctionBody {
  const f = new FunctionBody(
    [...ALL_PARAMS, ['centres', 'i32'], ['shift', 'i32'], ['otherShift', 'i32'], ['half', 'i32']],
    ['i32'],
  );
  declareCommon(f, p);
  f.local('u', 'f64').local('l', 'f64').local('bound', 'f64').local('da', 'f64').local('h', 'f64').local('ua', 'i32').local('ul', 'i32');
  constants(f);
  rowLoop(f, () => {
    // a = labels[i] (kept in `from`); u = upper + shift[a]; l = lower − otherShift[a] (the
    // largest shift of any other centre).
    f.get('labels').get('i').i32(2).op(OP.i32Shl).op(OP.i32Add).load('i32').set('from');
    f.get('upper').get('i').i32(3).op(OP.i32Shl).op(OP.i32Add).tee('ua').load('f64');
    f.get('shift').get('from').i32(3).op(OP.i32Shl).op(OP.i32Add).load('f64').op(OP.f64Add).set('u');
    f.get('lower').get('i').i32(3).op(OP.i32Shl).op(OP.i32Add).tee('ul').load('f64');
    f.get('otherShift').get('from').i32(3).op(OP.i32Shl).op(OP.i32Add).load('f64').op(OP.f64Sub).set('l');
    f.get('half').get('from').i32(3).op(OP.i32Shl).op(OP.i32Add).load('f64').set('h');
    // bound = h > l ? h : l, as pmax of splats (maxpd; a scalar select would be a branch).
    f.get('l').simd(SIMD.f64x2Splat).get('h').simd(SIMD.f64x2Splat).simd(SIMD.f64x2Pmax).lane(0).set('bound');
    // Passes the bound: keep the label, store the loosened bounds, next row.
    f.get('u').get('bound').op(OP.f64Le).if();
    f.get('ua').get('u').store('f64').get('ul').get('l').store('f64').br(1);
    f.end();
    loadRow(f, p);
    // Exact distance to its own centre (same order of operations as the scan's lanes).
    f.get('centres').get('from').i32(p * 8).op(OP.i32Mul).op(OP.i32Add).set('cptr');
    for (const j of range(p)) {
      f.get(`x${j}`).get('cptr').load('f64', j * 8).op(OP.f64Sub).tee('t0').get('t0').op(OP.f64Mul);
      if (j > 0) f.op(OP.f64Add);
    }
    f.tee('da').op(OP.f64Sqrt).tee('u').get('bound').op(OP.f64Le).if();
    f.get('ua').get('u').store('f64').get('ul').get('l').store('f64').br(1);
    f.end();
    scan(f, p);
    // A tie with its own centre keeps the row where it is.
    f.get('from').get('bc').get('da').get('bestD').op(OP.f64Eq).op(OP.select).set('bc');
    relabel(f, p, false);
    storeBounds(f);
  });
  f.get('changed');
  return f;
}

/** Σ over rows [start, end) of the squared distance to the labelled centre, in row order. */
function sse(p: number): FunctionBody {
  const f = new FunctionBody(
    [
      ['start', 'i32'],
      ['end', 'i32'],
      ['data', 'i32'],
      ['labels', 'i32'],
      ['centres', 'i32'],
    ],
    ['f64'],
  );
  f.local('i', 'i32').local('o', 'i32').local('cptr', 'i32').local('t', 'f64').local('total', 'f64');
  for (const j of range(p)) f.local(`x${j}`, 'f64');
  f.f64(0).set('total');
  rowLoop(f, () => {
    loadRow(f, p);
    f.get('centres').get('labels').get('i').i32(2).op(OP.i32Shl).op(OP.i32Add).load('i32').i32(p * 8).op(OP.i32Mul).op(OP.i32Add).set('cptr');
    f.get('total');
    for (const j of range(p)) {
      f.get(`x${j}`).get('cptr').load('f64', j * 8).op(OP.f64Sub).tee('t').get('t').op(OP.f64Mul);
      if (j > 0) f.op(OP.f64Add);
    }
    f.op(OP.f64Add).set('total');
  });
  f.get('total');
  return f;
}

/**
 * k-means++ trials, all in one pass: for each row, d_t = min(closest, squared distance to trial
 * candidate t), summed per trial into pots (candidates in lane pairs like the centres; each
 * trial's sum runs over the rows in order, as one loop per trial would) and kept per row: pair
 * q's (d_2q, d_2q+1) at out + q·outStride + i·16. The winner's d are then the new closest, with
 * no pass of their own (what a pass with min(closest, distance to the winner) would compute).
 * Closest values are 16 bytes apart (a lane of such a pair).
 */
function plusPlusPots(p: number): FunctionBody {
  const f = new FunctionBody(
    [
      ['start', 'i32'],
      ['end', 'i32'],
      ['data', 'i32'],
      ['closest', 'i32'],
      ['pairs', 'i32'],
      ['pairCount', 'i32'],
      ['pots', 'i32'],
      ['out', 'i32'],
      ['outStride', 'i32'],
    ],
    [],
  );
  f.local('i', 'i32').local('o', 'i32').local('q', 'i32').local('cptr', 'i32').local('pp', 'i32').local('op', 'i32');
  for (const j of range(p)) f.local(`x${j}`, 'f64');
  for (const j of range(p)) f.local(`v${j}`, 'v128');
  f.local('t', 'v128').local('near', 'v128').local('val', 'v128');
  rowLoop(f, () => {
    loadRow(f, p);
    for (const j of range(p)) f.get(`x${j}`).simd(SIMD.f64x2Splat).set(`v${j}`);
    // Read before the stores below: `closest` may be one of the lanes this row's values go to.
    f.get('closest').get('i').i32(4).op(OP.i32Shl).op(OP.i32Add).loadSplat().set('near');
    f.get('pairs').set('cptr').get('pots').set('pp').get('pairCount').set('q');
    f.get('out').get('i').i32(4).op(OP.i32Shl).op(OP.i32Add).set('op');
    f.loop();
    f.get('pp').get('pp').load('v128').get('near');
    for (const j of range(p)) {
      f.get(`v${j}`).get('cptr').load('v128', j * 16).simd(SIMD.f64x2Sub).tee('t').get('t').simd(SIMD.f64x2Mul);
      if (j > 0) f.simd(SIMD.f64x2Add);
    }
    f.simd(SIMD.f64x2Pmin).tee('val').simd(SIMD.f64x2Add).store('v128');
    f.get('op').get('val').store('v128');
    f.get('cptr').i32(p * 16).op(OP.i32Add).set('cptr');
    f.get('pp').i32(16).op(OP.i32Add).set('pp');
    f.get('op').get('outStride').op(OP.i32Add).set('op');
    f.get('q').i32(1).op(OP.i32Sub).tee('q').brIf(0);
    f.end();
  });
  return f;
}

/**
 * closest[i] = min(closest[i], squared distance from row i to the row-major point at `centre`)
 * (closest values 16 bytes apart, as plusPlusPots keeps them); returns Σ of the new closest over
 * the rows, in row order (k-means++ samples by these sums).
 */
function plusPlusUpdate(p: number): FunctionBody {
  const f = new FunctionBody(
    [
      ['start', 'i32'],
      ['end', 'i32'],
      ['data', 'i32'],
      ['closest', 'i32'],
      ['centre', 'i32'],
    ],
    ['f64'],
  );
  f.local('i', 'i32').local('o', 'i32').local('at', 'i32').local('t', 'f64').local('d', 'f64').local('total', 'f64');
  for (const j of range(p)) f.local(`x${j}`, 'f64');
  f.f64(0).set('total');
  rowLoop(f, () => {
    loadRow(f, p);
    f.get('closest').get('i').i32(4).op(OP.i32Shl).op(OP.i32Add).tee('at');
    f.get('at').load('f64');
    for (const j of range(p)) {
      f.get(`x${j}`).get('centre').load('f64', j * 8).op(OP.f64Sub).tee('t').get('t').op(OP.f64Mul);
      if (j > 0) f.op(OP.f64Add);
    }
    f.op(OP.f64Min).tee('d').store('f64');
    f.get('total').get('d').op(OP.f64Add).set('total');
  });
  f.get('total');
  return f;
}

const modules = new Map<number, WebAssembly.Module>();

/** The compiled kernels for p features (cached; the module is compiled once per p per thread). */
export function assignModule(p: number): WebAssembly.Module {
  let mod = modules.get(p);
  if (!mod) {
    mod = new WebAssembly.Module(
      moduleBytes({ assignAll: assignAll(p), assignBounded: assignBounded(p), sse: sse(p), plusPlusPots: plusPlusPots(p), plusPlusUpdate: plusPlusUpdate(p), silhouetteSums: silhouetteSums(p) }),
    );
    modules.set(p, mod);
  }
  return mod;
}

export function instantiate(p: number, memory: WebAssembly.Memory): AssignExports {
  return new WebAssembly.Instance(assignModule(p), { env: { memory } }).exports as unknown as AssignExports;
}
