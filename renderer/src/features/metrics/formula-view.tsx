import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellValue } from '../../../../shared/contract/json';
import { useCall, useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { Button, EmptyState, ErrorBanner } from '../../components/index';
import { formatDate, formatNumber } from '../../format';
import { METRICS_NS } from './strings';
import './metrics.css';

/** The formula with the span an error points at marked (position and length from the engine). */
export function MarkedFormula({ formula, position, length }: { formula: string; position: number; length: number }) {
  const end = Math.min(formula.length, position + Math.max(1, length));
  const marked = position >= formula.length ? ' ' : formula.slice(position, end);
  return (
    <pre className="k-formula__marked" data-testid="formula-marked">
      {formula.slice(0, position)}
      <mark data-testid="formula-error-span" data-position={position} data-length={length}>
        {marked}
      </mark>
      {formula.slice(end)}
    </pre>
  );
}

const show = (v: CellValue, dateLike: boolean): string =>
  v === null ? '' : typeof v === 'number' ? (dateLike ? formatDate(v) : formatNumber(v, 6)) : String(v);

/** Formula editor: live type check with the error position, preview on sample rows, add column. */
export function FormulaView({ datasetId }: ViewProps) {
  const { t } = useTranslation(METRICS_NS);
  const [formula, setFormula] = useState('');
  const [name, setName] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const ready = datasetId !== null && formula.trim() !== '';
  const check = useQuery('metrics.formulaCheck', { datasetId: datasetId ?? '', formula: formula || ' ' }, { enabled: ready, refreshOn: ['datasets.changed'] });
  const preview = useCall('metrics.formulaPreview');
  const add = useCall('metrics.addFormulaColumn');
  const [rows, setRows] = useState<Awaited<ReturnType<typeof preview.run>>>(undefined);
  if (datasetId === null) return <EmptyState title={t('formulaTitle')} />;

  const position = check.error?.code === 'FORMULA_ERROR' ? Number(check.error.details?.['position'] ?? 0) : null;
  const length = Number(check.error?.details?.['length'] ?? 1);
  const isDate = check.data?.type === 'date';

  return (
    <div className="k-metrics" data-testid="formula-view">
      <label className="k-field">
        <span className="k-field__label">{t('formula')}</span>
        <textarea
          className="k-input k-formula__input"
          rows={3}
          value={formula}
          spellCheck={false}
          onChange={(e) => {
            setFormula(e.target.value);
            setRows(undefined);
            setAdded(null);
          }}
          data-testid="formula-input"
        />
        <span className="k-field__hint">{t('formulaHint')}</span>
        <span className="k-field__hint">{t('functions')}</span>
      </label>
      {ready && position !== null && !check.loading ? <MarkedFormula formula={formula} position={position} length={length} /> : null}
      {ready && !check.loading ? <ErrorBanner error={check.error} testId="formula-error" /> : null}
      {check.data && !check.error && ready ? (
        <p className="k-metrics__ok" data-testid="formula-type" data-type={check.data.type}>
          {t('resultType', { type: t(`types.${check.data.type}`) })}
        </p>
      ) : null}
      <div className="k-row">
        <Button
          disabled={!ready || check.error !== null || preview.running}
          onClick={() => void preview.run({ datasetId, formula, limit: 20 }).then(setRows)}
          data-testid="formula-preview"
        >
          {t('preview')}
        </Button>
        <input className="k-input" placeholder={t('columnName')} value={name} onChange={(e) => setName(e.target.value)} data-testid="formula-name" />
        <Button
          variant="primary"
          disabled={!ready || check.error !== null || name.trim() === '' || add.running}
          onClick={() => void add.run({ datasetId, formula, name }).then((r) => r && setAdded(r.dataset.columns.find((c) => c.key === r.columnKey)?.name ?? name))}
          data-testid="formula-add"
        >
          {t('addColumn')}
        </Button>
        {added ? (
          <span className="k-metrics__ok" data-testid="formula-added">
            {t('added', { name: added })}
          </span>
        ) : null}
      </div>
      <ErrorBanner error={preview.error ?? add.error} />
      {rows ? (
        <>
          <p data-testid="formula-stats">
            {t('stats', { rows: rows.stats.rows, blank: rows.stats.blank, divZero: rows.stats.divideByZero, invalid: rows.stats.invalidInputs })}
          </p>
          <table className="k-metrics__table" data-testid="formula-preview-table">
            <thead>
              <tr>
                <th>{t('row')}</th>
                {rows.columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
                <th>{t('result')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.rows.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  {rows.columns.map((c) => (
                    <td key={c}>{show(r.inputs[c] ?? null, false)}</td>
                  ))}
                  <td data-testid="formula-value">{show(r.value, isDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
