/**
 * A small WebAssembly binary writer: just enough of the format (types, one imported shared
 * memory, functions, exports, code) and of the instruction set (integer/float scalars, the f64x2
 * SIMD lanes, structured control) for the generated k-means kernels (assign-wasm.ts). Writing the
 * bytes here keeps the build free of a WebAssembly toolchain; the kernels are compiled per
 * feature count at run time, like the JavaScript they replace.
 */
export type ValType = 'i32' | 'f64' | 'v128';

const VALTYPE: Record<ValType, number> = { i32: 0x7f, f64: 0x7c, v128: 0x7b };

export function uleb(value: number, out: number[]): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

export function sleb(value: number, out: number[]): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

/** Instructions of one function body, with named locals (parameters first, as in the format). */
export class FunctionBody {
  readonly code: number[] = [];
  private readonly names = new Map<string, number>();
  private readonly localTypes: ValType[] = [];
  private readonly paramTypes: ValType[] = [];

  constructor(params: [string, ValType][], readonly results: ValType[]) {
    for (const [name, type] of params) {
      this.names.set(name, this.names.size);
      this.paramTypes.push(type);
    }
  }

  get params(): readonly ValType[] {
    return this.paramTypes;
  }

  local(name: string, type: ValType): this {
    if (this.names.has(name)) throw new Error(`local ${name} declared twice`);
    this.names.set(name, this.names.size);
    this.localTypes.push(type);
    return this;
  }

  private index(name: string): number {
    const i = this.names.get(name);
    if (i === undefined) throw new Error(`unknown local ${name}`);
    return i;
  }

  private emit(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  get(name: string): this {
    this.emit(0x20);
    uleb(this.index(name), this.code);
    return this;
  }

  set(name: string): this {
    this.emit(0x21);
    uleb(this.index(name), this.code);
    return this;
  }

  tee(name: string): this {
    this.emit(0x22);
    uleb(this.index(name), this.code);
    return this;
  }

  i32(value: number): this {
    this.emit(0x41);
    sleb(value, this.code);
    return this;
  }

  f64(value: number): this {
    this.emit(0x44);
    this.code.push(...new Uint8Array(new Float64Array([value]).buffer));
    return this;
  }

  /** A plain opcode (see OP) or a SIMD opcode (see SIMD) without immediates. */
  op(code: number): this {
    return this.emit(code);
  }

  simd(code: number): this {
    this.emit(0xfd);
    uleb(code, this.code);
    return this;
  }

  /** Loads and stores: the address is on the stack; `offset` is a constant byte offset. */
  load(kind: 'i32' | 'f64' | 'v128', offset = 0): this {
    if (kind === 'v128') this.simd(0x00);
    else this.emit(kind === 'i32' ? 0x28 : 0x2b);
    this.code.push(kind === 'i32' ? 2 : kind === 'f64' ? 3 : 4);
    uleb(offset, this.code);
    return this;
  }

  store(kind: 'i32' | 'f64' | 'v128', offset = 0): this {
    if (kind === 'v128') this.simd(0x0b);
    else this.emit(kind === 'i32' ? 0x36 : 0x39);
    this.code.push(kind === 'i32' ? 2 : kind === 'f64' ? 3 : 4);
    uleb(offset, this.code);
    return this;
  }

  /** v128.load64_splat: one f64 from memory into both lanes (the address is on the stack). */
  loadSplat(offset = 0): this {
    this.simd(0x0a);
    this.code.push(3);
    uleb(offset, this.code);
    return this;
  }

  /** f64x2.extract_lane. */
  lane(lane: 0 | 1): this {
    this.simd(0x21);
    this.code.push(lane);
    return this;
  }

  /** f64x2.replace_lane. */
  replaceLane(lane: 0 | 1): this {
    this.simd(0x22);
    this.code.push(lane);
    return this;
  }

  /** i8x16.shuffle of the two vectors on the stack; here always the lane swap of one f64x2. */
  swapLanes(): this {
    this.simd(0x0d);
    this.code.push(8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
    return this;
  }

  block(): this {
    return this.emit(0x02, 0x40);
  }

  loop(): this {
    return this.emit(0x03, 0x40);
  }

  if(): this {
    return this.emit(0x04, 0x40);
  }

  else(): this {
    return this.emit(0x05);
  }

  end(): this {
    return this.emit(0x0b);
  }

  br(depth: number): this {
    this.emit(0x0c);
    uleb(depth, this.code);
    return this;
  }

  brIf(depth: number): this {
    this.emit(0x0d);
    uleb(depth, this.code);
    return this;
  }

  /** The body as the code section wants it: size, local declarations, instructions, end. */
  encode(): number[] {
    const body: number[] = [];
    const groups: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    uleb(groups.length, body);
    for (const [count, t] of groups) {
      uleb(count, body);
      body.push(VALTYPE[t]);
    }
    body.push(...this.code, 0x0b);
    const out: number[] = [];
    uleb(body.length, out);
    out.push(...body);
    return out;
  }
}

/** Plain opcodes used by the kernels. */
export const OP = {
  select: 0x1b,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtS: 0x48,
  i32GeS: 0x4e,
  f64Eq: 0x61,
  f64Lt: 0x63,
  f64Gt: 0x64,
  f64Le: 0x65,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Or: 0x72,
  i32Shl: 0x74,
  f64Min: 0xa4,
  f64Sqrt: 0x9f,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  i32TruncF64S: 0xaa,
} as const;

/** SIMD opcodes (after the 0xfd prefix) used by the kernels. */
export const SIMD = {
  f64x2Splat: 0x14,
  f64x2Eq: 0x47,
  f64x2Lt: 0x49,
  v128And: 0x4e,
  v128Or: 0x50,
  v128Bitselect: 0x52,
  f64x2Sqrt: 0xef,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
  f64x2Pmin: 0xf6,
  f64x2Pmax: 0xf7,
} as const;

function section(id: number, content: number[], out: number[]): void {
  out.push(id);
  uleb(content.length, out);
  out.push(...content);
}

function name(text: string, out: number[]): void {
  const bytes = new TextEncoder().encode(text);
  uleb(bytes.length, out);
  out.push(...bytes);
}

/**
 * A module that imports one shared memory as `env.memory` (any size up to 4 GiB) and exports the
 * given functions by name.
 */
export function moduleBytes(functions: Record<string, FunctionBody>): Uint8Array {
  const entries = Object.entries(functions);
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(entries.length, types);
  for (const [, f] of entries) {
    types.push(0x60);
    uleb(f.params.length, types);
    for (const t of f.params) types.push(VALTYPE[t]);
    uleb(f.results.length, types);
    for (const t of f.results) types.push(VALTYPE[t]);
  }
  section(1, types, out);
  const imports: number[] = [1];
  name('env', imports);
  name('memory', imports);
  // memory, limits flag 3 = shared with a maximum; min 0 pages, max 65536 pages (4 GiB).
  imports.push(0x02, 0x03);
  uleb(0, imports);
  uleb(65536, imports);
  section(2, imports, out);
  const funcs: number[] = [];
  uleb(entries.length, funcs);
  entries.forEach((_, i) => uleb(i, funcs));
  section(3, funcs, out);
  const exports: number[] = [];
  uleb(entries.length, exports);
  entries.forEach(([fname], i) => {
    name(fname, exports);
    exports.push(0x00);
    uleb(i, exports);
  });
  section(7, exports, out);
  const code: number[] = [];
  uleb(entries.length, code);
  for (const [, f] of entries) code.push(...f.encode());
  section(10, code, out);
  return Uint8Array.from(out);
}
