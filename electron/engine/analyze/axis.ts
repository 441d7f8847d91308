import type { AxisMatch } from '../../../shared/contract/analyze';
import { KequnError } from '../../../shared/contract/errors';
import type { GroupedColumn } from './columns';
import { compareLabels } from './label-order';

/** Label shown for rows whose field is empty, like Excel's "(blank)". */
export const BLANK_LABEL = '(空白)';
/** Above this many combinations, composite keys are re-numbered through a hash map. */
const DENSE_LIMIT = 1 << 22;

/**
 * Row (or column) keys of an axis: every kept row gets the id of its leaf (its combination of
 * field values); -1 for rows outside the mask. Keys are built as mixed-radix numbers over the
 * dictionary codes, re-numbered densely only when the key space grows too big, so the common
 * case is a few integer multiplications per row.
 */
export interface AxisKeys {
  leafOf: Int32Array;
  /** codes[leaf][level]: the dictionary code (-1 = blank) of each field for each leaf. */
  leafCodes: Int32Array[];
}

export function axisKeys(fields: readonly GroupedColumn[], n: number, mask: Uint8Array | null): AxisKeys {
  const leafOf = new Int32Array(n);
  if (fields.length === 0) {
    for (let i = 0; i < n; i++) leafOf[i] = mask && mask[i] === 0 ? -1 : 0;
    return { leafOf, leafCodes: [new Int32Array(0)] };
  }
  let space = 1;
  for (const f of fields) space *= f.labels.length + 1;
  if (space <= DENSE_LIMIT) {
    // Common case: the composite key fits a small dense table; one pass, no key array.
    return denseKeys(fields, n, mask, space, leafOf);
  }
  // Composite key, level by level; key = (code + 1) mixed radix, re-numbered when too large.
  space = 1;
  const key = new Float64Array(n);
  for (const f of fields) {
    const radix = f.labels.length + 1;
    if (space * radix > DENSE_LIMIT) space = renumber(key, mask, n);
    const codes = f.codes;
    for (let i = 0; i < n; i++) key[i] = key[i]! * radix + codes[i]! + 1;
    space *= radix;
  }
  if (space > DENSE_LIMIT) space = renumber(key, mask, n);
  const idOfKey = new Int32Array(space).fill(-1);
  const leafCodes: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    if (mask && mask[i] === 0) {
      leafOf[i] = -1;
      continue;
    }
    const k = key[i]!;
    let id = idOfKey[k]!;
    if (id === -1) {
      id = leafCodes.length;
      idOfKey[k] = id;
      leafCodes.push(codesAt(fields, i));
    }
    leafOf[i] = id;
  }
  return { leafOf, leafCodes };
}

function codesAt(fields: readonly GroupedColumn[], i: number): Int32Array {
  const codes = new Int32Array(fields.length);
  for (let l = 0; l < fields.length; l++) codes[l] = fields[l]!.codes[i]!;
  return codes;
}

function denseKeys(fields: readonly GroupedColumn[], n: number, mask: Uint8Array | null, space: number, leafOf: Int32Array): AxisKeys {
  const idOfKey = new Int32Array(space).fill(-1);
  const leafCodes: Int32Array[] = [];
  const a = fields[0]!.codes;
  const b = fields.length >= 2 ? fields[1]!.codes : null;
  const rb = fields.length >= 2 ? fields[1]!.labels.length + 1 : 1;
  const rest = fields.slice(2);
  const restN = rest.length;
  for (let i = 0; i < n; i++) {
    if (mask !== null && mask[i] === 0) {
      leafOf[i] = -1;
      continue;
    }
    let k = a[i]! + 1;
    if (b !== null) k = k * rb + b[i]! + 1;
    // Indexed loop: a for-of here would allocate an iterator per row.
    for (let l = 0; l < restN; l++) {
      const f = rest[l]!;
      k = k * (f.labels.length + 1) + f.codes[i]! + 1;
    }
    let id = idOfKey[k]!;
    if (id === -1) {
      id = leafCodes.length;
      idOfKey[k] = id;
      leafCodes.push(codesAt(fields, i));
    }
    leafOf[i] = id;
  }
  return { leafOf, leafCodes };
}

/** Replaces keys by dense ids 0..k-1 (order of first appearance); returns k. */
function renumber(key: Float64Array, mask: Uint8Array | null, n: number): number {
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (mask && mask[i] === 0) continue;
    const k = key[i]!;
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
    }
    key[i] = id;
  }
  for (let i = 0; i < n; i++) if (mask && mask[i] === 0) key[i] = 0;
  return Math.max(1, ids.size);
}

/** A node of the axis tree; node 0 is the total. */
export interface TreeNode {
  id: number;
  depth: number;
  parent: number;
  /** Dictionary code of this node's own field (-1 = blank; unused for the total). */
  code: number;
  children: number[];
  /** Leaves (axis key ids) below or at this node. */
  leaves: number[];
}

export interface AxisTree {
  nodes: TreeNode[];
  /** For each leaf: node ids from the leaf up to the total (inclusive). */
  ancestors: number[][];
}

/** The axis tree of leaves given by their field codes (leaf id = index). */
export function buildTree(leafCodes: readonly Int32Array[], depth: number): AxisTree {
  const nodes: TreeNode[] = [{ id: 0, depth: 0, parent: -1, code: -1, children: [], leaves: [] }];
  const childIndex = new Map<string, number>();
  const ancestors: number[][] = [];
  leafCodes.forEach((codes, leaf) => {
    let cur = 0;
    const chain = [0];
    for (let l = 0; l < depth; l++) {
      const k = `${cur}:${codes[l]}`;
      let next = childIndex.get(k);
      if (next === undefined) {
        next = nodes.length;
        nodes.push({ id: next, depth: l + 1, parent: cur, code: codes[l]!, children: [], leaves: [] });
        nodes[cur]!.children.push(next);
        childIndex.set(k, next);
      }
      cur = next;
      chain.push(cur);
    }
    for (const id of chain) nodes[id]!.leaves.push(leaf);
    ancestors.push(chain.reverse());
  });
  return { nodes, ancestors };
}

export function nodeLabel(field: GroupedColumn, code: number): string {
  return code < 0 ? BLANK_LABEL : field.labels[code]!;
}

export function nodeMatch(field: GroupedColumn, code: number): AxisMatch {
  return code < 0 ? { value: null } : field.matches[code]!;
}


/**
 * Orders siblings in place: by label (chronological for periods, numeric for numbers, pinyin
 * collation for text; blanks last, as in Excel) or by a value (the node's total).
 */
export function sortTree(
  tree: AxisTree,
  fields: readonly GroupedColumn[],
  sort: { by: 'label' | 'value'; order: 'asc' | 'desc' } | undefined,
  valueOf: (node: number) => number | null,
): void {
  const dir = sort?.order === 'desc' ? -1 : 1;
  for (const node of tree.nodes) {
    if (node.children.length < 2) continue;
    const field = fields[node.depth]!;
    node.children.sort((a, b) => {
      const na = tree.nodes[a]!;
      const nb = tree.nodes[b]!;
      if (na.code < 0 !== nb.code < 0) return na.code < 0 ? 1 : -1;
      if (sort?.by === 'value') {
        const va = valueOf(a);
        const vb = valueOf(b);
        if (va !== vb) {
          if (va === null) return 1;
          if (vb === null) return -1;
          return (va - vb) * dir;
        }
      }
      return compareLabels(field, na.code, nb.code) * (sort?.by === 'value' ? 1 : dir);
    });
  }
}

/** Pre-order list of node ids (parents before children). */
export function preorder(tree: AxisTree): number[] {
  const out: number[] = [];
  const walk = (id: number): void => {
    out.push(id);
    for (const c of tree.nodes[id]!.children) walk(c);
  };
  walk(0);
  return out;
}

export function checkSize(rowNodes: number, colNodes: number, values: number): void {
  const cells = rowNodes * colNodes * values;
  if (cells > 2_000_000) {
    throw new KequnError('ANALYSIS_INVALID', `The pivot would have ${rowNodes.toLocaleString()} × ${colNodes.toLocaleString()} cells; move a field to the filters or group dates`, {
      zh: `透视表将有 ${rowNodes.toLocaleString()} × ${colNodes.toLocaleString()} 个单元格，请把某个字段移到筛选，或按日期分组`,
      details: { rows: rowNodes, cols: colNodes },
    });
  }
}
