import { FunctionBody, OP, SIMD } from './wasm-encoder';

/**
 * The silhouette's pair loop as WebAssembly (part of the k-means module, assign-wasm.ts): for
 * the sample rows in lane pairs (rows 2q and 2q+1), the sum of the distances to every sample row
 * of each cluster, under each labeling. Each lane adds its distances row by row in sample order,
 * one addition per row, exactly as a scalar loop over the rows would (a row's distance to itself
 * is +0 and leaves its sum unchanged), so the sums do not depend on the lanes or on which thread
 * ran which pairs. Computing each pair's distance from both sides costs twice the distances of
 * the triangle, but the lanes, the missing bounds checks and a second thread more than repay it
 * (measured: 10,000 × 8 in well under a tenth of the JavaScript triangle's time).
 *
 * Memory (byte offsets): x = the s sample rows (row-major, p values each); labs = L labelings of
 * s labels (Int32, labeling by labeling); offsets = per labeling, its first slot among `width`;
 * sums = per lane pair, `width` slots of two lanes (16 bytes), zeroed by the caller. An odd s
 * pads the last pair's second lane with its first row (the caller ignores that lane).
 */
export const SILHOUETTE_PARAMS: [string, 'i32'][] = [
  ['start', 'i32'],
  ['end', 'i32'],
  ['x', 'i32'],
  ['s', 'i32'],
  ['labs', 'i32'],
  ['L', 'i32'],
  ['offsets', 'i32'],
  ['width', 'i32'],
  ['sums', 'i32'],
];

export function silhouetteSums(p: number): FunctionBody {
  const f = new FunctionBody(SILHOUETTE_PARAMS, []);
  const js = Array.from({ length: p }, (_, j) => j);
  f.local('q', 'i32').local('ao', 'i32').local('ao2', 'i32').local('bo', 'i32').local('b', 'i32');
  f.local('lp', 'i32').local('op', 'i32').local('l', 'i32').local('acc', 'i32').local('at', 'i32').local('stride', 'i32');
  for (const j of js) f.local(`v${j}`, 'v128');
  f.local('t', 'v128').local('d', 'v128');
  f.get('s').i32(2).op(OP.i32Shl).set('stride');
  f.get('start').set('q');
  f.block();
  f.get('q').get('end').op(OP.i32GeS).brIf(0);
  f.loop();
  // ao, ao2 = the pair's two rows (the second is the first again past the end).
  f.get('x').get('q').i32(2 * p * 8).op(OP.i32Mul).op(OP.i32Add).tee('ao').i32(p * 8).op(OP.i32Add);
  f.get('ao').get('q').i32(1).op(OP.i32Shl).i32(1).op(OP.i32Add).get('s').op(OP.i32LtS).op(OP.select).set('ao2');
  for (const j of js) f.get('ao').loadSplat(j * 8).get('ao2').load('f64', j * 8).replaceLane(1).set(`v${j}`);
  f.get('sums').get('q').get('width').op(OP.i32Mul).i32(4).op(OP.i32Shl).op(OP.i32Add).set('acc');
  f.get('x').set('bo').i32(0).set('b');
  f.loop();
  // d = √Σ_j (row − x_b)², the features added in order.
  for (const j of js) {
    f.get(`v${j}`).get('bo').loadSplat(j * 8).simd(SIMD.f64x2Sub).tee('t').get('t').simd(SIMD.f64x2Mul);
    if (j > 0) f.simd(SIMD.f64x2Add);
  }
  f.simd(SIMD.f64x2Sqrt).set('d');
  // Each labeling: sums[pair][offset_l + label_l(b)] += d.
  f.get('labs').get('b').i32(2).op(OP.i32Shl).op(OP.i32Add).set('lp');
  f.get('offsets').set('op').get('L').set('l');
  f.loop();
  f.get('acc').get('op').load('i32').get('lp').load('i32').op(OP.i32Add).i32(4).op(OP.i32Shl).op(OP.i32Add).tee('at');
  f.get('at').load('v128').get('d').simd(SIMD.f64x2Add).store('v128');
  f.get('lp').get('stride').op(OP.i32Add).set('lp');
  f.get('op').i32(4).op(OP.i32Add).set('op');
  f.get('l').i32(1).op(OP.i32Sub).tee('l').brIf(0);
  f.end();
  f.get('bo').i32(p * 8).op(OP.i32Add).set('bo');
  f.get('b').i32(1).op(OP.i32Add).tee('b').get('s').op(OP.i32LtS).brIf(0);
  f.end();
  f.get('q').i32(1).op(OP.i32Add).tee('q').get('end').op(OP.i32LtS).brIf(0);
  f.end();
  f.end();
  return f;
}
