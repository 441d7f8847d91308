import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PivotSpec } from '../../../../shared/contract/analyze';
import { specWithKeys, specWithNames } from '../../../../shared/analysis/spec-columns';
import type { DatasetInfo } from '../../../../shared/contract/datasets';
import { toKequnError, useQuery } from '../../app/use-call';
import { useEngine } from '../../app/engine-context';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { PIVOT_NS } from './strings';

/**
 * Save the current spec in the project, or open any saved one on this dataset: fields are saved by
 * column name, so a pivot made on last month's import re-runs on this month's.
 */
export function SavedPivots({ ds, spec, onLoad }: { ds: DatasetInfo; spec: PivotSpec; onLoad: (spec: PivotSpec) => void }) {
  const { t } = useTranslation(PIVOT_NS);
  const client = useEngine();
  const list = useQuery('pivots.list', {});
  const datasets = useQuery('datasets.list', {});
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const save = async (): Promise<void> => {
    try {
      const saved = await client.call('pivots.save', { name: name.trim() || t('title'), datasetId: ds.id, pivot: specWithNames(spec, ds.columns) });
      setMessage(t('savedOk', { name: saved.name }));
      setError(null);
      list.reload();
    } catch (e) {
      setError(toKequnError(e));
    }
  };
  const pivots = (list.data ?? []).filter((p) => p.kind === 'pivot');
  return (
    <div className="k-well" data-testid="pivot-saved">
      <span className="k-well__title">{t('saved')}</span>
      <span>
        <input type="text" data-testid="pivot-save-name" placeholder={t('saveName')} value={name} onChange={(e) => setName(e.target.value)} />{' '}
        <Button size="small" data-testid="pivot-save" onClick={() => void save()}>
          {t('save')}
        </Button>
      </span>
      {pivots.length > 0 ? (
        <select
          data-testid="pivot-load"
          value=""
          onChange={(e) => {
            const p = pivots.find((x) => x.id === e.target.value);
            if (!p) return;
            const { spec: keyed, missing } = specWithKeys(p.spec as PivotSpec, ds.columns, p.datasetId === ds.id);
            if (missing.length > 0) setMessage(t('missingColumns', { names: missing.join('、') }));
            onLoad(keyed);
          }}
        >
          <option value="">{t('load')}</option>
          {pivots.map((p) => (
            <option key={p.id} value={p.id}>
              {p.datasetId === ds.id ? p.name : `${p.name}（${datasets.data?.find((d) => d.id === p.datasetId)?.name ?? p.datasetId}）`}
            </option>
          ))}
        </select>
      ) : null}
      {message ? <span className="k-muted" data-testid="pivot-save-message">{message}</span> : null}
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
    </div>
  );
}
