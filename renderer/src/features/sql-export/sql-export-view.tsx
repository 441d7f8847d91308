import '../analysis-common/analysis.css';
import './sql-export.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SQL_DIALECT_LABELS, SQL_DIALECTS, type SqlCheckResult, type SqlDialect, type SqlTargetInfo } from '../../../../shared/contract/sql';
import { useCall, useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { ProgressDialog } from '../../components/progress-dialog';
import { formatNumber } from '../../format';
import { SQL_NS } from './strings';

const keyOf = (t: SqlTargetInfo): string => JSON.stringify(t.target);

/** The SQL export: pick a model, a dialect and the warehouse's names; see, copy, download and check the SQL. */
export function SqlExportView({ params }: ViewProps<{ target?: string | undefined }>) {
  const { t } = useTranslation(SQL_NS);
  const targets = useQuery('sql.targets', {});
  const wanted = typeof params?.['target'] === 'string' ? params['target'] : '';
  const [chosen, setChosen] = useState<string>(wanted);
  // One tab for the view: a later 导出为 SQL hands this tab a new target, which then wins.
  const [lastWanted, setLastWanted] = useState(wanted);
  if (wanted !== lastWanted) {
    setLastWanted(wanted);
    setChosen(wanted);
  }
  if (targets.error) return <ErrorBanner error={targets.error} />;
  if (!targets.data) return <div className="k-view-loading">{t('title')}</div>;
  if (targets.data.length === 0) return <EmptyState title={t('none')} />;
  const found = targets.data.find((x) => keyOf(x) === chosen);
  const current = found ?? targets.data.at(-1)!;
  return (
    <div className="k-sql" data-testid="sql-export-view">
      {chosen !== '' && !found ? (
        <p className="k-sql__hint" data-testid="sql-not-exportable">
          {t('notExportable')}
        </p>
      ) : null}
      <label className="k-field">
        <span className="k-field__label">{t('target')}</span>
        <select data-testid="sql-target" value={keyOf(current)} onChange={(e) => setChosen(e.target.value)}>
          {targets.data.map((x) => (
            <option key={keyOf(x)} value={keyOf(x)}>
              {`${x.name}（${t(`model.${x.model}`)}）· ${x.datasetName}`}
            </option>
          ))}
        </select>
      </label>
      <SqlForm key={keyOf(current)} info={current} />
    </div>
  );
}

function SqlForm({ info }: { info: SqlTargetInfo }) {
  const { t, i18n } = useTranslation(SQL_NS);
  const [dialect, setDialect] = useState<SqlDialect>('postgres');
  const [from, setFrom] = useState<'auto' | 'transactions' | 'customers'>('auto');
  const [table, setTable] = useState('');
  const [key, setKey] = useState('');
  const [asOf, setAsOf] = useState<'saved' | 'latest'>('saved');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [copied, setCopied] = useState(false);
  const [check, setCheck] = useState<SqlCheckResult | null>(null);
  const source = useMemo(
    () => ({
      from,
      asOf,
      columnMap: Object.fromEntries(Object.entries(mapping).filter(([, v]) => v.trim() !== '')),
      ...(table.trim() ? { table: table.trim() } : {}),
      ...(key.trim() ? { key: key.trim() } : {}),
    }),
    [from, asOf, mapping, table, key],
  );
  const sql = useQuery('sql.export', { target: info.target, dialect, source }, { refreshOn: [] });
  const checkCall = useCall('sql.check');
  const zh = i18n.language !== 'en';
  const lang = zh ? 'zh' : 'en';

  const copy = async (): Promise<void> => {
    if (!sql.data) return;
    try {
      await navigator.clipboard.writeText(sql.data.sql);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const download = (): void => {
    if (!sql.data) return;
    const url = URL.createObjectURL(new Blob([sql.data.sql], { type: 'application/sql;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = sql.data.fileName;
    a.click();
    URL.revokeObjectURL(url);
  };
  const runCheck = async (): Promise<void> => {
    setCheck(null);
    const r = await checkCall.run({ target: info.target, source: { from, asOf: 'saved', columnMap: {} } });
    if (r) setCheck(r);
  };

  return (
    <>
      <div className="k-sql__row">
        <label className="k-field">
          <span className="k-field__label">{t('dialect')}</span>
          <select data-testid="sql-dialect" value={dialect} onChange={(e) => setDialect(e.target.value as SqlDialect)}>
            {SQL_DIALECTS.map((d) => (
              <option key={d} value={d}>
                {SQL_DIALECT_LABELS[d][lang]}
              </option>
            ))}
          </select>
        </label>
        <label className="k-field">
          <span className="k-field__label">{t('from')}</span>
          <select data-testid="sql-from" value={from} onChange={(e) => setFrom(e.target.value as typeof from)}>
            {(['auto', 'transactions', 'customers'] as const).map((f) => (
              <option key={f} value={f}>
                {t(`from.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="k-field">
          <span className="k-field__label">{t('table')}</span>
          <input type="text" data-testid="sql-table" value={table} placeholder={info.defaultTable} onChange={(e) => setTable(e.target.value)} />
        </label>
        {(sql.data?.from ?? info.defaultFrom) === 'customers' ? (
          <label className="k-field">
            <span className="k-field__label">{t('key')}</span>
            <input type="text" data-testid="sql-key" value={key} placeholder={info.sourceColumns[0] ?? ''} onChange={(e) => setKey(e.target.value)} />
          </label>
        ) : (
          <label className="k-field">
            <span className="k-field__label">{t('asOf')}</span>
            <select data-testid="sql-as-of" value={asOf} onChange={(e) => setAsOf(e.target.value === 'latest' ? 'latest' : 'saved')}>
              <option value="saved">{t('asOf.saved')}</option>
              <option value="latest">{t('asOf.latest')}</option>
            </select>
          </label>
        )}
      </div>
      <details className="k-sql__mapping">
        <summary>{t('mapping')}</summary>
        <table className="k-table">
          <thead>
            <tr>
              <th>{t('appColumn')}</th>
              <th>{t('warehouseColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {info.sourceColumns.map((c) => (
              <tr key={c}>
                <td>{c}</td>
                <td>
                  <input type="text" data-testid="sql-map" data-column={c} value={mapping[c] ?? ''} placeholder={c} onChange={(e) => setMapping({ ...mapping, [c]: e.target.value })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <p className="k-sql__hint">{t('conventions')}</p>
      <ErrorBanner error={sql.error} />
      {sql.data ? (
        <>
          <div className="k-sql__row">
            <Button onClick={() => void copy()} data-testid="sql-copy">
              {copied ? t('copied') : t('copy')}
            </Button>
            <Button onClick={download} data-testid="sql-download">
              {t('download')}
            </Button>
            <Button variant="primary" disabled={checkCall.running} onClick={() => void runCheck()} data-testid="sql-check">
              {t('check')}
            </Button>
          </div>
          <ErrorBanner error={checkCall.error} />
          {check ? <CheckResult check={check} /> : null}
          <div className="k-sql__hint">
            {t('outputs')}: <code data-testid="sql-outputs">{sql.data.outputs.join(', ')}</code>
          </div>
          <pre className="k-sql__text" data-testid="sql-text" data-dialect={sql.data.dialect}>
            {sql.data.sql}
          </pre>
        </>
      ) : null}
      <p className="k-sql__hint">{t('checkHint')}</p>
      <ProgressDialog open={checkCall.running} title={t('checking')} progress={checkCall.progress} controller={checkCall.controller} />
    </>
  );
}

function CheckResult({ check }: { check: SqlCheckResult }) {
  const { t } = useTranslation(SQL_NS);
  const ok = check.agree === check.compared;
  const figures = { agree: formatNumber(check.agree), compared: formatNumber(check.compared) };
  return (
    <div className={ok ? 'k-sql__check k-sql__check--ok' : 'k-sql__check k-sql__check--bad'} data-testid="sql-check-result" data-agree={check.agree} data-compared={check.compared}>
      <strong>{check.tolerance !== null ? t('agreeScores', { ...figures, tolerance: check.tolerance }) : check.unit === 'customers' ? t('agreeCustomers', figures) : t('agreeRows', figures)}</strong>
      {check.mismatches.length > 0 ? (
        <table className="k-table" data-testid="sql-mismatches">
          <caption>{t('mismatches', { count: check.mismatches.length })}</caption>
          <thead>
            <tr>
              <th />
              <th>{t('appLabel')}</th>
              <th>{t('sqlLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {check.mismatches.map((m) => (
              <tr key={m.key}>
                <td>{m.key}</td>
                <td>{m.engine ?? '—'}</td>
                <td>{m.sql ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
