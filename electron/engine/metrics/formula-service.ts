import type { ColumnInfo, ColumnType, DatasetInfo } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { FormulaCheck, FormulaPreview, FormulaStats, FormulaType } from '../../../shared/contract/metrics';
import type { ProjectStore } from '../store/project-store';
import { readerFor } from '../analyze/columns';
import { addColumns } from '../store/column-writer';
import { quoteIdent } from '../store/sql';
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

function findColumn(columns: ColumnInfo[], name: string): ColumnInfo | undefined {
  return (
    columns.find((c) => c.name === name) ??
    columns.find((c) => c.name.trim() === name.trim()) ??
    columns.find((c) => c.name.trim().toLowerCase() === name.trim().toLowerCase()) ??
    columns.find((c) => c.key === name)
  );
}

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
  const reader = readerFor(store);
  if (type === 'text') {
    const c = reader.category(ds.id, col.key);
    return { type, values: Array.from(c.codes, (code) => (code < 0 ? null : c.labels[code]!)) };
  }
  const n = reader.numeric(ds.id, col.key).values;
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
function prepare(store: ProjectStore, ds: DatasetInfo, formula: string, limit: number | null): Prepared {
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
  const select = ['_row', ...cols.map((c) => quoteIdent(c.key))].join(', ');
  const sql = `SELECT ${select} FROM ${store.tableOf(ds.id)} ORDER BY _row${limit === null ? '' : ' LIMIT ' + Math.trunc(limit)}`;
  const rows = store.db.prepare(sql).raw().all() as unknown[][];
  const stats: FormulaStats = { rows: rows.length, divideByZero: 0, blank: 0, invalidInputs: 0, notFound: 0 };
  const bound = new Map<string, ColumnBinding>();
  cols.forEach((c, j) => {
    const type = bindingType(c.type);
    const values = rows.map((r) => toValue(r[j + 1], type, stats));
    bound.set(c.key, { type, values });
  });
  const state = { divideByZero: 0, notFound: 0 };
  const now = new Date();
  const compiled = compile(ast, {
    column: (name) => bound.get(findColumn(ds.columns, name)!.key)!,
    lookupColumn: (dataset, name, node) => lookupBinding(store, dataset === null ? ds : datasetNamed(store, dataset, node), name, node),
    stats: state,
    today: Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()),
  });
  return { compiled, columns: cols, stats, state, rowIds: rows.map((r) => Number(r[0])) };
}

function checkOf(p: Prepared, values: Value[]): FormulaCheck {
  return { type: p.compiled.type, columnType: resultColumnType(p.compiled.type, values), columns: p.columns.map((c) => c.name) };
}

/** Progress and cancellation for evaluating every row (absent for previews of a few rows). */
interface EvalTicker {
  checkpoint(): Promise<void>;
  progress(done: number, total: number | null, label: string): void;
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
  const p = prepare(store, store.getDataset(datasetId), formula, 0);
  return checkOf(p, []);
}

export function previewFormula(store: ProjectStore, datasetId: string, formula: string, limit: number): FormulaPreview {
  const p = prepare(store, store.getDataset(datasetId), formula, limit);
  const values = evaluateAll(p);
  const rows = values.map((value, i) => ({ row: p.rowIds[i]!, inputs: {} as Record<string, CellValue>, value: value as CellValue }));
  // Inputs as the user sees them (raw stored cells), read for just these rows.
  const select = p.columns.map((c) => quoteIdent(c.key)).join(', ');
  if (select) {
    const stmt = store.db.prepare(`SELECT ${select} FROM ${store.tableOf(store.getDataset(datasetId).id)} WHERE _row = ?`).raw();
    for (const r of rows) {
      const cells = (stmt.get(r.row) as CellValue[] | undefined) ?? [];
      p.columns.forEach((c, j) => (r.inputs[c.name] = cells[j] ?? null));
    }
  }
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
export async function evaluateFormula(store: ProjectStore, datasetId: string, formula: string, ticker: EvalTicker): Promise<EvaluatedFormula> {
  const p = prepare(store, store.getDataset(datasetId), formula, null);
  const values = await evaluateAllAsync(p, ticker);
  const check = checkOf(p, values);
  return { rowIds: p.rowIds, values: values.map((v): CellValue => (typeof v === 'boolean' ? (v ? 1 : 0) : v)), check, stats: p.stats };
}

/** Evaluates the formula on every row and appends the result as a new column (one transaction). */
export async function addFormulaColumn(
  store: ProjectStore,
  datasetId: string,
  formula: string,
  name: string,
  ticker: EvalTicker = { checkpoint: async () => undefined, progress: () => undefined },
): Promise<{ dataset: DatasetInfo; columnKey: string; check: FormulaCheck; stats: FormulaStats }> {
  const ds = store.getDataset(datasetId);
  const p = prepare(store, ds, formula, null);
  const values = await evaluateAllAsync(p, ticker);
  await ticker.checkpoint();
  const check = checkOf(p, values);
  const stored = values.map((v): CellValue => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  ticker.progress(values.length, values.length, 'write');
  const [columnKey] = addColumns(store, ds.id, [{ name, originalHeader: null, type: check.columnType, format: null }], (i) => [stored[i] ?? null]);
  return { dataset: store.getDataset(ds.id), columnKey: columnKey!, check, stats: p.stats };
}
