import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import type { FilterSpec } from '../../../../shared/contract/rows';
import { useQuery } from '../../app/use-call';
import { ErrorBanner } from '../../components/error-banner';
import { formatNumber, formatPercent } from '../../format';
import { formatCell } from './cell-format';
import { HistogramChart } from './histogram-chart';
import { GRID_NS } from './strings';

/** Statistics of one column over the current filters, with a small histogram. */
export function StatsPanel({ datasetId, col, filters, onClose }: { datasetId: string; col: ColumnInfo; filters: FilterSpec[]; onClose: () => void }) {
  const { t } = useTranslation(GRID_NS);
  const q = useQuery('rows.stats', { datasetId, column: col.key, filters, bins: 20, top: 8 });
  const yesNo = useMemo(() => ({ yes: t('yes'), no: t('no') }), [t]);
  const show = useCallback((v: number | null): string => (v === null ? '—' : formatCell(v, col, yesNo)), [col, yesNo]);
  const s = q.data;
  const counts: [string, number][] = s
    ? [
        ['rows', s.rows],
        ['count', s.count],
        ['missing', s.missing],
        ['empty', s.empty],
        ['invalid', s.invalid],
        ['distinct', s.distinct],
      ]
    : [];
  const isTime = col.type === 'date' || col.type === 'datetime';
  // A sum of dates or of yes/no flags means nothing; a mean of flags is the share of "yes".
  const figures: [string, number | null][] = !s
    ? []
    : col.type === 'boolean'
      ? [['mean', s.mean]]
      : [
          ['min', s.min],
          ['max', s.max],
          ['mean', s.mean],
          ['median', s.median],
          ...(isTime ? [] : ([['sum', s.sum]] as [string, number | null][])),
        ];
  const figure = (k: string, v: number | null): string => {
    if (v === null) return '—';
    if (col.type === 'boolean') return formatPercent(v);
    if (k === 'mean' && (col.type === 'integer' || col.type === 'decimal')) return formatNumber(v, 2);
    return show(v);
  };
  return (
    <aside className="k-grid-stats" data-testid="stats-panel" data-column-key={col.key}>
      <div className="k-grid-stats__head">
        <strong>{t('stats.title', { name: col.name })}</strong>
        <button type="button" className="k-grid-stats__close" onClick={onClose} aria-label={t('stats.close')}>
          ×
        </button>
      </div>
      {q.error ? <ErrorBanner error={q.error} /> : null}
      {!s ? <div className="k-muted">{t('loading')}</div> : null}
      {s ? (
        <>
          <dl className="k-grid-stats__list">
            {counts.map(([k, v]) => (
              <div key={k} data-testid={`stat-${k}`}>
                <dt>{t(`stats.${k}`)}</dt>
                <dd>{formatNumber(v)}</dd>
              </div>
            ))}
            {col.type !== 'text'
              ? figures.map(([k, v]) => (
                  <div key={k} data-testid={`stat-${k}`}>
                    <dt>{t(`stats.${k}`)}</dt>
                    <dd>{figure(k, v)}</dd>
                  </div>
                ))
              : null}
          </dl>
          {s.histogram.length > 0 ? (
            <>
              <div className="k-grid-stats__label">{t('stats.histogram')}</div>
              <HistogramChart bins={s.histogram} label={show} />
            </>
          ) : null}
          {s.topValues.length > 0 ? (
            <>
              <div className="k-grid-stats__label">{t('stats.top')}</div>
              <ol className="k-grid-stats__top" data-testid="stats-top">
                {s.topValues.map((v) => (
                  <li key={JSON.stringify(v.value)}>
                    <span>{v.value === '' ? t('menu.emptyText') : formatCell(v.value, col, yesNo)}</span>
                    <span className="k-grid-menu__count">{formatNumber(v.count)}</span>
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </>
      ) : null}
    </aside>
  );
}
