import type { ColumnInfo, ColumnType, DatasetInfo } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { FormulaCheck, FormulaPreview, FormulaStats, FormulaType } from '../../../shared/contract/metrics';
import type { ProgressLabel } from '../../../shared/contract/progress';
import type { Work } from '../host/work';
import { addColumns } from '../store/column-writer';
import { findColumnIn, type DatasetSnapshot } from '../store/dataset-snapshot';
import type { ProjectStore } from '../store/project-store';
import type { FormulaNode } from './formula/ast';
import { compile, type ColumnBinding, type Compiled, type Value } from './formula/compile';
import { formulaError } from './formula/formula-error';
import { parseFormula } from './formula/parser';

const DAY_MS = 86_400_000;

function bindingType(t: ColumnType): ColumnBinding['type'] {
  if (t === 'text') return 'text';
  if (t === 'boolean') return 'boolean';
  if (t === 'date' || t === 'datetime') return 'date';
  return 'number';
}

/** Formulas name columns as users see them; the one resolver also accepts keys. */
const findColumn = findColumnIn;

/** Cell as stored → formula value; text in a number/date column is invalid (empty, counted). */
function toValue(v: unknown, type: ColumnBinding['type'], stats: { invalidInputs: number }): Value {
  if (v === null || v === undefined || v === '') return null;
  if (type === 'text') return String(v);
  if (typeof v === 'string') {
    stats.invalidInputs++;
    return null;
  }
  const n = Number(v);
  return type === 'boolean' ? n !== 0 : n;
}

export function resultColumnType(type: FormulaType, sample: Value[]): ColumnType {
  if (type === 'text' || type === 'blank') return 'text';
  if (type === 'boolean') return 'boolean';
  if (type === 'date') return sample.every((v) => typeof v !== 'number' || v % DAY_MS === 0) ? 'date' : 'datetime';
  // Whole-number results (LEN, DATEDIF, counts) read better as integers.
  const nums = sample.filter((v): v is number => typeof v === 'number');
  return nums.length > 0 && nums.every((v) => Number.isInteger(v)) ? 'integer' : 'decimal';
}

/** A dataset named in a formula (数据集[列]), by name or id, as a formula error when unknown. */
function datasetNamed(store: ProjectStore, name: string, node: FormulaNode): DatasetInfo {
  const found = store.listDatasets().find((d) => d.name === name) ?? store.listDatasets().find((d) => d.id === name || d.name.trim() === name.trim());
  if (!found) throw formulaError(node.pos, node.length, `Unknown dataset "${name}"`, `找不到数据集「${name}」`);
  return found;
}

/**
 * Every row of a column for XLOOKUP's ranges, read through the column reader (typed arrays,
 * cached per dataset version): text as labels, numbers and dates as numbers; invalid cells empty.
 */
function lookupBinding(store: ProjectStore, ds: DatasetInfo, name: string, node: FormulaNode): ColumnBinding {
  const col = findColumn(ds.columns, name);
  if (!col) throw formulaError(node.pos, node.length, `Unknown column "${name}" in "${ds.name}"`, `数据集「${ds.name}」中找不到列「${name}」`);
  const type = bindingType(col.type);
  const snap = store.snapshot(ds.id);
  if (type === 'text') {
    const c = snap.category(col.key);
    return { type, values: Array.from(c.codes, (code) => (code < 0 ? null : c.labels[code]!)) };
  }
  const n = snap.numeric(col.key).values;
  return { type, values: Array.from(n, (v) => (Number.isNaN(v) ? null : type === 'boolean' ? v !== 0 : v)) };
}

interface Prepared {
  compiled: Compiled;
  columns: ColumnInfo[];
  stats: FormulaStats;
  state: { divideByZero: number; notFound: number };
  rowIds: number[];
}

/**
 * Parses and type-checks a formula against a dataset, then loads the referenced columns (all rows,
 * or the first `limit`). References resolve by display name ([金额] or 金额), then by key.
 */
function prepare(store: ProjectStore, snap: DatasetSnapshot, formula: string, limit: number | null): Prepared {
  const ds = snap.info;
  const ast = parseFormula(formula);
  const referenced: { col: ColumnInfo; node: FormulaNode }[] = [];
  const names = new Map<string, ColumnInfo>();
  // First pass: which columns, so they are read in one query.
  const walk = (n: FormulaNode): void => {
    if (n.kind === 'column') {
      const col = findColumn(ds.columns, n.name);
      if (!col) {
        throw formulaError(n.pos, n.length, `Unknown column "${n.name}"`, `找不到列「${n.name}」`);
      }
      if (!names.has(col.key)) referenced.push({ col, node: n });
      names.set(col.key, col);
    } else if (n.kind === 'foreign') return;
    else if (n.kind === 'unary') walk(n.arg);
    else if (n.kind === 'binary') {
      walk(n.left);
      walk(n.right);
    } else if (n.kind === 'call') n.args.forEach(walk);
  };
  walk(ast);
  const cols = referenced.map((r) => r.col);
  const n = limit === null ? snap.rowCount : Math.min(snap.rowCount, Math.trunc(limit));
  const stats: FormulaStats = { rows: n, divideByZero: 0, blank: 0, invalidInputs: 0, notFound: 0 };
  const bound = new Map<string, ColumnBinding>();
  for (const c of cols) {
    const type = bindingType(c.type);
    const cells = n === snap.rowCount ? snap.cells(c.key) : snap.rows(Int32Array.from({ length: n }, (_, i) => i), [c.key]).map((r) => r[0]);
    bound.set(c.key, { type, values: cells.map((v) => toValue(v, type, stats)) });
  }
  const rowIds = Array.from(snap.rowIds().subarray(0, n));
  const state = { divideByZero: 0, notFound: 0 };
  const now = new Date();
  const compiled = compile(ast, {
    column: (name) => bound.get(findColumn(ds.columns, name)!.key)!,
    lookupColumn: (dataset, name, node) => lookupBinding(store, dataset === null ? ds : datasetNamed(store, dataset, node), name, node),
    stats: state,
    today: Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()),
  });
  return { compiled, columns: cols, stats, state, rowIds };
}

function checkOf(p: Prepared, values: Value[]): FormulaCheck {
  return { type: p.compiled.type, columnType: resultColumnType(p.compiled.type, values), columns: p.columns.map((c) => c.name) };
}

/** Progress and cancellation for evaluating every row (absent for previews of a few rows). */
interface EvalTicker {
  checkpoint(): Promise<void>;
  progress(done: number, total: number | null, label: ProgressLabel): void;
}

async function evaluateAllAsync(p: Prepared, ticker: EvalTicker): Promise<Value[]> {
  const out = new Array<Value>(p.stats.rows);
  const CHUNK = 100_000;
  for (let start = 0; start < out.length; start += CHUNK) {
    ticker.progress(start, out.length, 'formula');
    await ticker.checkpoint();
    evaluateRange(p, out, start, Math.min(out.length, start + CHUNK));
  }
  p.stats.divideByZero = p.state.divideByZero;
  p.stats.notFound = p.state.notFound;
  return out;
}

function evaluateRange(p: Prepared, out: Value[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const v = p.compiled.fn(i);
    out[i] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
    if (out[i] === null) p.stats.blank++;
  }
}

function evaluateAll(p: Prepared): Value[] {
  const out = new Array<Value>(p.stats.rows);
  evaluateRange(p, out, 0, out.length);
  p.stats.divideByZero = p.state.divideByZero;
  p.stats.notFound = p.state.notFound;
  return out;
}

export function checkFormula(store: ProjectStore, datasetId: string, formula: string): FormulaCheck {
  const p = prepare(store, store.snapshot(datasetId), formula, 0);
  return checkOf(p, []);
}

export function previewFormula(store: ProjectStore, datasetId: string, formula: string, limit: number): FormulaPreview {
  const snap = store.snapshot(datasetId);
  const p = prepare(store, snap, formula, limit);
  const values = evaluateAll(p);
  // Inputs as the user sees them (raw stored cells), read for just these rows.
  const inputs = snap.rows(Int32Array.from({ length: values.length }, (_, i) => i), p.columns.map((c) => c.key));
  const rows = values.map((value, i) => ({
    row: p.rowIds[i]!,
    inputs: Object.fromEntries(p.columns.map((c, j) => [c.name, inputs[i]![j] ?? null])) as Record<string, CellValue>,
    value: value as CellValue,
  }));
  return { ...checkOf(p, values), rows, stats: p.stats };
}

/** A formula evaluated on every row of a dataset, in _row order, as stored cells. */
export interface EvaluatedFormula {
  rowIds: number[];
  values: CellValue[];
  check: FormulaCheck;
  stats: FormulaStats;
}

/** Evaluates a formula on every row without writing (a cleaning step writes it through its plan). */
export async function evaluateFormula(store: ProjectStore, snap: DatasetSnapshot, formula: string, ticker: EvalTicker): Promise<EvaluatedFormula> {
  const p = prepare(store, snap, formula, null);
  const values = await evaluateAllAsync(p, ticker);
  const check = checkOf(p, values);
  return { rowIds: p.rowIds, values: values.map((v): CellValue => (typeof v === 'boolean' ? (v ? 1 : 0) : v)), check, stats: p.stats };
}

/** Evaluates the formula on every row and appends the result as a new column (the work's one commit). */
export async function addFormulaColumn(work: Work, datasetId: string, formula: string, name: string): Promise<{ dataset: DatasetInfo; columnKey: string; check: FormulaCheck; stats: FormulaStats }> {
  const snap = work.snapshot(datasetId);
  const ds = snap.info;
  const store = work.store;
  const p = prepare(store, snap, formula, null);
  const values = await evaluateAllAsync(p, work);
  await work.checkpoint();
  const check = checkOf(p, values);
  const stored = values.map((v): CellValue => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  work.progress(values.length, values.length, 'write');
  const [columnKey] = work.commit(() => addColumns(store, ds.id, [{ name, originalHeader: null, type: check.columnType, format: null }], (i) => [stored[i] ?? null], stored.length));
  return { dataset: store.getDataset(ds.id), columnKey: columnKey!, check, stats: p.stats };
}
