import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_FUNCTIONS, type GroupFunction } from '../../../../shared/contract/metrics';
import { useCall, useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { useWorkspace } from '../../app/workspace';
import { Button, EmptyState, ErrorBanner, ProgressDialog } from '../../components/index';
import { METRICS_NS } from './strings';
import './metrics.css';

interface AggDraft {
  fn: GroupFunction;
  column: string;
}

/** Group-by builder: key columns and aggregations → a new derived dataset. */
export function GroupByView({ datasetId }: ViewProps) {
  const { t } = useTranslation(METRICS_NS);
  const { openTab } = useWorkspace();
  const ds = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  const run = useCall('metrics.groupBy');
  const [keys, setKeys] = useState<string[]>([]);
  const [aggs, setAggs] = useState<AggDraft[]>([{ fn: 'count', column: '' }]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ id: string; name: string; rows: number } | null>(null);
  if (datasetId === null) return <EmptyState title={t('groupByTitle')} />;
  const columns = ds.data?.columns ?? [];
  const setAgg = (i: number, a: Partial<AggDraft>): void => setAggs(aggs.map((x, j) => (j === i ? { ...x, ...a } : x)));

  const submit = async (): Promise<void> => {
    const r = await run.run({
      datasetId,
      keys,
      aggregations: aggs.map((a) => (a.fn === 'count' ? { fn: a.fn } : { fn: a.fn, column: a.column || (columns[0]?.name ?? '') })),
      ...(name.trim() ? { name: name.trim() } : {}),
    });
    if (r) setCreated({ id: r.dataset.id, name: r.dataset.name, rows: r.dataset.rowCount });
  };

  return (
    <div className="k-metrics" data-testid="groupby-view">
      <ErrorBanner error={ds.error} />
      <fieldset className="k-field">
        <legend className="k-field__label">{t('keys')}</legend>
        {columns.map((c) => (
          <label key={c.key} className="k-clean__check">
            <input
              type="checkbox"
              checked={keys.includes(c.name)}
              onChange={() => setKeys(keys.includes(c.name) ? keys.filter((k) => k !== c.name) : [...keys, c.name])}
              data-testid="groupby-key"
              data-column={c.name}
            />
            {c.name}
          </label>
        ))}
      </fieldset>
      <div className="k-field">
        <span className="k-field__label">{t('aggregations')}</span>
        <ul className="k-metrics__aggs">
          {aggs.map((a, i) => (
            <li key={i} data-testid="groupby-agg">
              <select className="k-input" value={a.fn} onChange={(e) => setAgg(i, { fn: e.target.value as GroupFunction })} data-testid="groupby-fn">
                {GROUP_FUNCTIONS.map((fn) => (
                  <option key={fn} value={fn}>
                    {t(`fn.${fn}`)}
                  </option>
                ))}
              </select>
              {a.fn !== 'count' ? (
                <select className="k-input" value={a.column} onChange={(e) => setAgg(i, { column: e.target.value })} data-testid="groupby-column">
                  {columns.map((c) => (
                    <option key={c.key} value={c.name}>
                      {c.name}
                    </option>
                  ))}
                </select>
              ) : null}
              <Button size="small" variant="ghost" onClick={() => setAggs(aggs.filter((_, j) => j !== i))}>
                {t('remove')}
              </Button>
            </li>
          ))}
        </ul>
        <Button size="small" onClick={() => setAggs([...aggs, { fn: 'sum', column: columns[0]?.name ?? '' }])} data-testid="groupby-add">
          {t('addAggregation')}
        </Button>
      </div>
      <label className="k-field">
        <span className="k-field__label">{t('outputName')}</span>
        <input className="k-input" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="k-row">
        <Button variant="primary" disabled={keys.length === 0 || aggs.length === 0 || run.running} onClick={() => void submit()} data-testid="groupby-run">
          {t('run')}
        </Button>
        {created ? (
          <>
            <span className="k-metrics__ok" data-testid="groupby-created" data-rows={created.rows}>
              {t('created', { name: created.name, rows: created.rows })}
            </span>
            <Button size="small" onClick={() => openTab({ viewId: 'dataset-overview', datasetId: created.id })}>
              {t('open')}
            </Button>
          </>
        ) : null}
      </div>
      <ErrorBanner error={run.error} />
      <ProgressDialog open={run.running} title={t('computing')} progress={run.progress} controller={run.controller} />
    </div>
  );
}
