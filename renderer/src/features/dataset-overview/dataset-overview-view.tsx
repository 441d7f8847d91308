import { useTranslation } from 'react-i18next';
import { useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { formatNumber, formatPercent } from '../../format';

export const OVERVIEW_NS = 'dataset-overview';

/** A dataset's columns at a glance: name, original header, type and data quality counts. */
export function DatasetOverviewView({ datasetId }: ViewProps) {
  const { t } = useTranslation(OVERVIEW_NS);
  const query = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  const ds = query.data;
  if (query.error) return <ErrorBanner error={query.error} />;
  if (!ds) return <div className="k-view-loading">{t('loading', { ns: 'shell' })}</div>;
  const pct = (n: number): string => (ds.rowCount > 0 && n > 0 ? ` (${formatPercent(n / ds.rowCount)})` : '');
  return (
    <div className="k-overview" data-testid="dataset-overview" data-dataset-id={ds.id}>
      <div className="k-overview__head">
        <h2 className="k-overview__title">{t('heading', { name: ds.name })}</h2>
        <span className="k-overview__summary" data-testid="overview-summary">
          {t('summary', { rows: formatNumber(ds.rowCount), columns: formatNumber(ds.columns.length) })}
        </span>
        {ds.source ? <span className="k-overview__source">{t('source', { source: ds.source })}</span> : null}
      </div>
      {ds.columns.length === 0 ? (
        <EmptyState title={t('noColumns')} />
      ) : (
        <div className="k-table-wrap">
          <table className="k-table" data-testid="overview-columns">
            <thead>
              <tr>
                <th className="k-table__index">{t('col.index')}</th>
                <th>{t('col.name')}</th>
                <th>{t('col.originalHeader')}</th>
                <th>{t('col.type')}</th>
                <th>{t('col.format')}</th>
                <th className="k-num">{t('col.invalid')}</th>
                <th className="k-num">{t('col.missing')}</th>
              </tr>
            </thead>
            <tbody>
              {ds.columns.map((c, i) => (
                <tr key={c.key} data-testid="overview-column" data-column-key={c.key}>
                  <td className="k-table__index">{i + 1}</td>
                  <td data-testid="overview-column-name">{c.name}</td>
                  <td className={c.originalHeader === null ? 'k-muted' : ''}>{c.originalHeader ?? t('generated')}</td>
                  <td>
                    <span className={`k-type k-type--${c.type}`}>{t(`type.${c.type}`)}</span>
                  </td>
                  <td className="k-mono">{c.format ?? ''}</td>
                  <td className={`k-num ${c.invalidCount > 0 ? 'k-warn' : 'k-muted'}`}>
                    {formatNumber(c.invalidCount)}
                    {pct(c.invalidCount)}
                  </td>
                  <td className={`k-num ${c.missingCount > 0 ? '' : 'k-muted'}`}>
                    {formatNumber(c.missingCount)}
                    {pct(c.missingCount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
