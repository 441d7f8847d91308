import type { ColumnQuality, QualitySummary } from '../../../shared/contract/clean';
import type { OpContext } from './plan';
import { rowCodes } from './ops/dedupe';
import { columnOf, isBlank, readColumns, tick, TICK_EVERY } from './table-data';
import { normalizeText } from './text-normalize';

const TIDY = { trim: true, fullWidth: true, case: 'keep' } as const;

/** Per column: missing %, invalid cells, distinct values, untidy text; and duplicate keys. */
export async function qualitySummary(ctx: OpContext, keyRefs: string[] | undefined): Promise<QualitySummary> {
  const cols = ctx.columns;
  const data = readColumns(
    ctx,
    cols.map((c) => c.key),
  );
  const n = data.rowIds.length;
  const columns: ColumnQuality[] = [];
  for (let j = 0; j < cols.length; j++) {
    const c = cols[j]!;
    const values = data.values[j]!;
    let missing = 0;
    let invalid = 0;
    let untidy = 0;
    const distinct = new Set<string | number>();
    for (let i = 0; i < n; i++) {
      if (i % TICK_EVERY === 0) await tick(ctx, i, n);
      const v = values[i]!;
      if (isBlank(v)) {
        missing++;
        continue;
      }
      distinct.add(v as string | number);
      if (typeof v === 'string') {
        if (c.type !== 'text') invalid++;
        if (normalizeText(v, TIDY) !== v) untidy++;
      }
    }
    columns.push({
      key: c.key,
      name: c.name,
      type: c.type,
      missing,
      missingPct: n === 0 ? 0 : missing / n,
      invalid,
      distinct: distinct.size,
      untidyText: untidy,
    });
  }
  const keyCols = keyRefs && keyRefs.length > 0 ? keyRefs.map((r) => columnOf(cols, r)) : cols;
  const keyValues = keyCols.map((kc) => data.values[cols.indexOf(kc)]!);
  const codes = rowCodes(keyValues, n);
  const seen = new Set<number>();
  let duplicateRows = 0;
  for (let i = 0; i < n; i++) {
    const k = codes[i]!;
    if (seen.has(k)) duplicateRows++;
    else seen.add(k);
  }
  return { datasetId: ctx.datasetId, rows: n, columns, duplicateRows, duplicateKeys: keyCols.map((c) => c.name) };
}
