import type { CleanOperationIn, CleanOpName, KeywordMatch } from '../../../../shared/contract/clean';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { changeTypeOperation, initialChangeType, type ChangeTypeDraft } from './change-type-fields';
import { initialShaping, shapingOperation, type ShapingDraft } from './shaping-draft';

/** The operations the form offers (grid edits are recorded from the grid). */
export const OPS = ['dedupe', 'text', 'replace', 'changeType', 'missing', 'outliers', 'mapValues', 'keywordCategory', 'formula', 'splitRows', 'merge'] as const satisfies readonly CleanOpName[];
export type OpName = (typeof OPS)[number];

export interface RuleDraft {
  match: KeywordMatch;
  pattern: string;
  category: string;
}

/** Everything the operation form edits; one object so switching operations keeps shared fields. */
export interface OpDraft extends ShapingDraft, ChangeTypeDraft {
  /** null until the user picks an operation: the workbench never opens on one that deletes rows. */
  op: OpName | null;
  columns: string[];
  column: string;
  keep: 'first' | 'last';
  trim: boolean;
  fullWidth: boolean;
  case: 'keep' | 'upper' | 'lower';
  find: string;
  replace: string;
  mode: 'exact' | 'contains' | 'regex';
  caseSensitive: boolean;
  missingAction: 'drop' | 'constant' | 'mean' | 'median' | 'mode' | 'previous';
  value: string;
  method: 'iqr' | 'zscore';
  threshold: string;
  outlierAction: 'flag' | 'cap' | 'remove';
  mapping: string;
  loose: boolean;
  rules: RuleDraft[];
  /** New column name (keyword categories, formula). */
  newName: string;
  otherLabel: string;
  /** Keyword rules match case as written (replace has its own, case-sensitive by default). */
  keywordCase: boolean;
  formula: string;
}

/** A draft with a chosen operation: what can be previewed and applied. */
export type ChosenDraft = OpDraft & { op: OpName };

/** Operations that pick several columns (the others pick one, or none). */
const MULTI: ReadonlySet<OpName> = new Set(['dedupe', 'text', 'replace', 'missing']);
export const isMultiColumn = (op: OpName | null): boolean => op !== null && MULTI.has(op);

/**
 * The form as it opens: no operation chosen, no column ticked, and the actions that delete rows
 * (missing → drop, outliers → remove) not preselected either: the user chooses each explicitly.
 */
export function initialDraft(columns: ColumnInfo[]): OpDraft {
  return {
    op: null,
    columns: [],
    column: columns[0]?.name ?? '',
    keep: 'first',
    trim: true,
    fullWidth: true,
    case: 'keep',
    find: '',
    replace: '',
    mode: 'contains',
    caseSensitive: true,
    missingAction: 'mode',
    value: '',
    method: 'iqr',
    threshold: '',
    outlierAction: 'flag',
    mapping: '',
    loose: true,
    rules: [{ match: 'contains', pattern: '', category: '' }],
    newName: '',
    otherLabel: '其他',
    keywordCase: false,
    formula: '',
    ...initialShaping,
    ...initialChangeType,
  };
}

/**
 * The draft after choosing an operation. 删除重复行 starts keyed by every column — a row is a
 * duplicate only if it repeats another one whole, so two orders of one buyer are never taken
 * for one; narrowing the key is the user's choice. Leaving dedupe drops that all-columns key
 * (tidying every column is not what anyone meant).
 */
export function withOp(d: OpDraft, op: OpName, columns: ColumnInfo[]): OpDraft {
  if (op === d.op) return d;
  if (op === 'dedupe') return { ...d, op, columns: columns.map((c) => c.name) };
  return { ...d, op, columns: d.op === 'dedupe' ? [] : d.columns };
}

/** How the view opens: on the operation (and column) the user chose it for, else on none. */
export function openDraft(columns: ColumnInfo[], params: { op?: OpName | undefined; column?: string | undefined }): OpDraft {
  const start = initialDraft(columns);
  const column = params.column !== undefined && columns.some((c) => c.name === params.column) ? params.column : undefined;
  const chosen = params.op ? withOp(start, params.op, columns) : start;
  if (!column) return chosen;
  return { ...chosen, column, ...(chosen.op !== 'dedupe' ? { columns: [column] } : {}) };
}

/** Steps that take rows out of the dataset: their preview lists every row they remove. */
export function isDestructive(d: OpDraft): boolean {
  return d.op === 'dedupe' || (d.op === 'missing' && d.missingAction === 'drop') || (d.op === 'outliers' && d.outlierAction === 'remove');
}

/** The keys the quality summary counts duplicates by: the dedupe step's keys while it is chosen, else every column. */
export function duplicateKeysOf(d: OpDraft | null): string[] | undefined {
  return d?.op === 'dedupe' && d.columns.length > 0 ? d.columns : undefined;
}

/** The contract's operation for a draft (the engine validates and explains what is wrong). */
export function toOperation(d: ChosenDraft): CleanOperationIn {
  switch (d.op) {
    case 'dedupe':
      return { op: 'dedupe', keys: d.columns, keep: d.keep };
    case 'text':
      return { op: 'text', columns: d.columns, trim: d.trim, fullWidth: d.fullWidth, case: d.case };
    case 'replace':
      return { op: 'replace', columns: d.columns, find: d.find, replace: d.replace, mode: d.mode, caseSensitive: d.caseSensitive };
    case 'changeType':
      return changeTypeOperation(d);
    case 'missing':
      return { op: 'missing', columns: d.columns, action: d.missingAction, ...(d.missingAction === 'constant' ? { value: d.value } : {}) };
    case 'outliers':
      return {
        op: 'outliers',
        column: d.column,
        method: d.method,
        action: d.outlierAction,
        ...(d.threshold.trim() !== '' && Number(d.threshold) > 0 ? { threshold: Number(d.threshold) } : {}),
      };
    case 'mapValues':
      return {
        op: 'mapValues',
        column: d.column,
        loose: d.loose,
        mapping: d.mapping
          .split('\n')
          .map((line) => line.split(/[=＝]/))
          .filter((parts) => parts.length >= 2 && parts[0]!.trim() !== '')
          .map(([from, ...to]) => ({ from: from!.trim(), to: to.join('=').trim() })),
      };
    case 'keywordCategory':
      return {
        op: 'keywordCategory',
        column: d.column,
        rules: d.rules.filter((r) => r.pattern !== '' || r.category !== ''),
        otherLabel: d.otherLabel.trim() || '其他',
        caseSensitive: d.keywordCase,
        ...(d.newName.trim() ? { name: d.newName.trim() } : {}),
      };
    case 'formula':
      return { op: 'formula', formula: d.formula, name: d.newName.trim() };
    case 'splitRows':
    case 'merge':
      return shapingOperation({ ...d, op: d.op });
  }
}
