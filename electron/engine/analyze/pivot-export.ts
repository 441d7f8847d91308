import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pivotTable, toCsv } from '../../../shared/analysis/pivot-table-text';
import type { PivotResult } from '../../../shared/contract/analyze';
import { KequnError } from '../../../shared/contract/errors';

export { pivotTable };

/** Writes the result as CSV (UTF-8 with BOM, so Excel and WPS read the Chinese) or the spec as JSON. */
export function exportPivot(result: PivotResult, path: string, format: 'csv' | 'json'): { path: string; bytes: number } {
  const full = resolve(path);
  const text = format === 'json' ? JSON.stringify({ kind: 'kequn-pivot', version: 1, spec: result.spec }, null, 2) : toCsv(pivotTable(result));
  try {
    writeFileSync(full, text, 'utf8');
  } catch (cause) {
    throw new KequnError('FILE_WRITE_FAILED', `Could not write ${full}`, { zh: `无法写入文件：${full}`, details: { path: full }, cause });
  }
  return { path: full, bytes: Buffer.byteLength(text, 'utf8') };
}
