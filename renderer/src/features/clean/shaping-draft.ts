import type { CleanOperationIn } from '../../../../shared/contract/clean';
import { DEFAULT_SPLIT_DELIMITERS, type MergeJoin } from '../../../../shared/contract/clean-shaping';

export interface KeyPairDraft {
  left: string;
  right: string;
}

/** The fields of split into rows and merge (the rest of the draft lives in op-form). */
export interface ShapingDraft {
  /** Every character is one delimiter. */
  delimiters: string;
  dropEmpty: boolean;
  itemNumber: string;
  /** The other dataset, by name (recipes replay by name). */
  mergeWith: string;
  mergeKeys: KeyPairDraft[];
  /** Brought columns; null = every column but the keys. */
  mergeColumns: string[] | null;
  join: MergeJoin;
  mergeIgnoreCase: boolean;
  firstMatch: boolean;
  suffix: string;
}

export const initialShaping: ShapingDraft = {
  delimiters: DEFAULT_SPLIT_DELIMITERS.join(''),
  dropEmpty: true,
  itemNumber: '',
  mergeWith: '',
  mergeKeys: [{ left: '', right: '' }],
  mergeColumns: null,
  join: 'left',
  mergeIgnoreCase: false,
  firstMatch: false,
  suffix: '',
};

/** The contract's operation for split and merge drafts. */
export function shapingOperation(d: ShapingDraft & { op: 'splitRows' | 'merge'; column: string; trim: boolean }): CleanOperationIn {
  if (d.op === 'splitRows') {
    return {
      op: 'splitRows',
      column: d.column,
      delimiters: [...new Set(d.delimiters)],
      trim: d.trim,
      dropEmpty: d.dropEmpty,
      ...(d.itemNumber.trim() ? { itemNumber: d.itemNumber.trim() } : {}),
    };
  }
  return {
    op: 'merge',
    with: d.mergeWith,
    on: d.mergeKeys.filter((k) => k.left !== '').map((k) => ({ left: k.left, ...(k.right ? { right: k.right } : {}) })),
    join: d.join,
    trim: d.trim,
    ignoreCase: d.mergeIgnoreCase,
    matches: d.firstMatch ? 'first' : 'all',
    ...(d.mergeColumns ? { columns: d.mergeColumns } : {}),
    ...(d.suffix.trim() ? { suffix: d.suffix.trim() } : {}),
  };
}
