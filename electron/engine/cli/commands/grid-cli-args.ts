import type { CleanOperationIn } from '../../../../shared/contract/clean';
import { KequnError } from '../../../../shared/contract/errors';
import { runsLength, type RowRun } from '../../../../shared/contract/grid-edits';
import type { CliValues } from '../command';
import { arg, flag } from '../options';
import { listArg, requireArg, stringArg } from './clean-cli-args';

export const GRID_USAGE = `  edit --columns A[,B] --rows 5[-7] (--value V | --values '[["x",1],["y",2]]')
      (cells typed into the grid: one value for every cell of the block, or one array per row; text converts to the column's type)
  fill-down --columns A[,B] --rows 3-10   (row 3's value goes into rows 4–10, like Ctrl+D)
  delete-rows --rows 3,5-9
  insert-rows --at 5 [--below] [--count N]
      (N empty rows above row 5, or below it with --below; they get new row numbers after the largest)
      (rows are the row numbers of the imported data (kequn rows shows them as rowIds); they stay with a row through sorting and filters)`;

/** The options the grid's actions take. */
export const GRID_OPTIONS = {
  rows: arg('3,5-9', 'edit、fill-down、delete-rows：行号（导入时的行号）及范围', 'edit, fill-down, delete-rows: row numbers (as imported) and ranges'),
  values: arg('JSON', 'edit：每行一个数组的值', 'edit: one array of values per row'),
  at: arg('N', 'insert-rows：在第 N 行的上方（或加 --below 在下方）插入', 'insert-rows: insert above row N (below it with --below)'),
  below: flag('insert-rows：插入在 --at 行的下方', 'insert-rows: insert below the --at row'),
  count: arg('K', 'insert-rows：插入的空行数', 'insert-rows: how many empty rows to insert', { default: '1' }),
};

/** "3,5-9" → [3, [5, 9]]: row ids, single or as ranges. */
export function rowsArg(values: CliValues): RowRun[] {
  const runs = listArg(values, 'rows').map((part): RowRun => {
    const m = part.match(/^(\d+)(?:\s*[-–~]\s*(\d+))?$/);
    if (!m || Number(m[1]) < 1 || (m[2] !== undefined && Number(m[2]) < 1)) {
      throw new KequnError('USAGE', `--rows takes row numbers and ranges such as 3,5-9, not "${part}"`, { zh: `--rows 应为行号或范围，如 3,5-9，实际为“${part}”` });
    }
    return m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
  });
  if (runs.length === 0) throw new KequnError('USAGE', 'Missing --rows', { zh: '缺少参数 --rows' });
  return runs;
}

function blockValues(values: CliValues, rows: number, width: number): (string | number | null)[][] {
  const json = stringArg(values, 'values');
  if (json !== undefined) {
    try {
      return JSON.parse(json) as (string | number | null)[][];
    } catch {
      throw new KequnError('USAGE', '--values is not valid JSON', { zh: '--values 不是有效的 JSON' });
    }
  }
  const one = values['value'];
  if (typeof one !== 'string') throw new KequnError('USAGE', 'Missing --value or --values', { zh: '缺少参数 --value 或 --values' });
  const cell = one === '' ? null : one;
  return Array.from({ length: rows }, () => Array.from({ length: width }, () => cell));
}

/** The grid's steps from CLI arguments, or null for another action. */
export function gridOperationFromArgs(action: string, values: CliValues): CleanOperationIn | null {
  switch (action) {
    case 'edit': {
      const columns = listArg(values, 'columns');
      if (columns.length === 0) requireArg(values, 'columns');
      const rows = rowsArg(values);
      return { op: 'editCells', columns, rows, values: blockValues(values, runsLength(rows), columns.length) };
    }
    case 'fill-down': {
      const columns = listArg(values, 'columns');
      if (columns.length === 0) requireArg(values, 'columns');
      return { op: 'fillDown', columns, rows: rowsArg(values) };
    }
    case 'delete-rows':
      return { op: 'deleteRows', rows: rowsArg(values) };
    case 'insert-rows': {
      const at = Number(requireArg(values, 'at'));
      const count = stringArg(values, 'count');
      if (!Number.isInteger(at) || at < 1) throw new KequnError('USAGE', '--at takes a row number', { zh: '--at 应为行号' });
      return { op: 'insertRows', at, position: values['below'] === true ? 'below' : 'above', ...(count === undefined ? {} : { count: Number(count) }) };
    }
    default:
      return null;
  }
}
