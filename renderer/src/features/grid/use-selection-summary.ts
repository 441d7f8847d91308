import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import type { SelectionAggregate } from '../../../../shared/contract/rows-selection';
import type { FilterSpec, SortSpec } from '../../../../shared/contract/rows';
import type { EngineClient } from '../../../../shared/rpc/client';
import { formatByCode } from '../../../../shared/format/column-format';
import { formatMoney, formatNumber, formatPercent } from '../../format';
import { blockSize, type SelectionBlock } from './copy-selection';
import { GRID_NS } from './strings';

/** Blocks one request sends (a scattered row selection beyond this is summarised by its first ranges). */
const MAX_BLOCKS = 64;
/** Wait this long after the selection settles (dragging a range asks once, not per cell). */
const SETTLE_MS = 150;

function numberText(v: number, a: SelectionAggregate): string {
  if (a.format) return formatByCode(v, a.format);
  if (a.numericType === 'currency') return formatMoney(v, 2);
  if (a.numericType === 'percent') return formatPercent(v, 1);
  return formatNumber(v, Number.isInteger(v) ? 0 : 2);
}

/**
 * Excel's status-bar figures of the selection (平均值 · 计数 · 求和 …), computed by the engine
 * over the view: the grid sends the selected view rows and columns, never the data.
 */
export function useSelectionSummary(
  client: EngineClient,
  datasetId: string,
  sort: SortSpec[],
  filters: FilterSpec[],
  shown: ColumnInfo[],
  block: SelectionBlock | null,
  version: string,
): string | null {
  const { t } = useTranslation(GRID_NS);
  const [text, setText] = useState<string | null>(null);
  const cells = block ? block.columns.length * block.rows.reduce((n, [s, e]) => n + e - s, 0) : 0;
  const key = block && cells > 1 ? JSON.stringify([datasetId, sort, filters, block, shown.map((c) => c.key), version]) : null;
  useEffect(() => {
    if (key === null || !block) {
      setText(null);
      return;
    }
    const controller = new AbortController();
    const columns = block.columns.map((i) => shown[i]?.key).filter((k): k is string => k !== undefined);
    const timer = setTimeout(() => {
      const blocks = block.rows.slice(0, MAX_BLOCKS).map(([from, to]) => ({ from, to, columns }));
      client
        .call('rows.aggregate', { datasetId, sort, filters, blocks }, { signal: controller.signal })
        .then((a) => {
          const parts: string[] = [];
          if (a.numericCount > 0 && a.mean !== null && a.sum !== null) {
            parts.push(t('summary.mean', { value: numberText(a.mean, a) }));
          }
          parts.push(t('summary.count', { value: formatNumber(a.count) }));
          if (a.numericCount > 0 && a.sum !== null) {
            parts.push(t('summary.numericCount', { value: formatNumber(a.numericCount) }));
            parts.push(t('summary.min', { value: numberText(a.min!, a) }), t('summary.max', { value: numberText(a.max!, a) }));
            parts.push(t('summary.sum', { value: numberText(a.sum, a) }));
          }
          setText(parts.join('  '));
        })
        .catch(() => {
          if (!controller.signal.aborted) setText(null);
        });
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for every input the request reads.
  }, [key, client]);
  return text;
}

/** The status bar's text, as in Excel: row counts (filtered of total), the selection's size, then its figures. */
export function useStatusText(filtered: boolean, rows: number, total: number, block: SelectionBlock | null, summary: string | null): string {
  const { t } = useTranslation(GRID_NS);
  return useMemo(() => {
    const counts = filtered ? t('status.filtered', { filtered: formatNumber(rows), total: formatNumber(total) }) : t('status.rows', { rows: formatNumber(rows) });
    const size = block ? blockSize(block) : null;
    const picked = size && (size.rows > 1 || size.columns > 1) ? `${counts} · ${t('status.selection', { rows: formatNumber(size.rows), columns: formatNumber(size.columns) })}` : counts;
    return summary ? `${picked} · ${summary}` : picked;
  }, [filtered, rows, total, block, t, summary]);
}
