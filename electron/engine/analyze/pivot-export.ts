import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pivotTable, toCsv } from '../../../shared/analysis/pivot-table-text';
import type { PivotResult } from '../../../shared/contract/analyze';
import { writeAtomically, type OutputGuard } from '../files/output-file';

export { pivotTable };

/** Writes the result as CSV (UTF-8 with BOM, so Excel and WPS read the Chinese) or the spec as JSON. */
export async function exportPivot(result: PivotResult, path: string, format: 'csv' | 'json', guard: OutputGuard): Promise<{ path: string; bytes: number }> {
  const text = format === 'json' ? JSON.stringify({ kind: 'kequn-pivot', version: 1, spec: result.spec }, null, 2) : toCsv(pivotTable(result));
  await writeAtomically(path, guard, async (temp) => writeFileSync(temp, text, 'utf8'));
  return { path: resolve(path), bytes: Buffer.byteLength(text, 'utf8') };
}
