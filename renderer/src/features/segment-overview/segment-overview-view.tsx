import '../analysis-common/analysis.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { profileRadar, segmentShareBar } from '../../../../shared/charts/index';
import type { SegmentationInfo } from '../../../../shared/contract/segmentations';
import { useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import type { SegmentationParams } from '../analysis-common/segmentation-params';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { formatNumber, formatPercent } from '../../format';
import { EChart } from '../analysis-common/echart';
import { useChartLang } from '../analysis-common/lang';
import { OVERVIEW_SEG_NS } from './strings';
import { ReportButton } from '../report/report-button';
import { SqlButton } from '../sql-export/sql-button';
import { SegmentationSelect, useSegmentationChoice } from '../analysis-common/segmentation-choice';

/** One page per segmentation: sizes, revenue share, profile radar, top preferences, migration. */
export function SegmentOverviewView({ params }: ViewProps<SegmentationParams>) {
  const { t } = useTranslation(OVERVIEW_SEG_NS);
  const { list, seg, choose } = useSegmentationChoice(params);
  if (list.error) return <ErrorBanner error={list.error} />;
  if (!list.data) return <div className="k-view-loading">{t('title')}</div>;
  if (!seg) return <EmptyState title={t('none')} />;
  return (
    <div className="k-analysis" data-testid="segment-overview">
      <div className="k-analysis__bar">
        <SegmentationSelect label={t('segmentation')} segs={list.data} value={seg.id} onChange={choose} testId="overview-segmentation" well />
        <ReportButton segmentationId={seg.id} />
        <SqlButton target={{ kind: 'segmentation', segmentationId: seg.id }} />
      </div>
      <SegmentationPage seg={seg} all={list.data} />
    </div>
  );
}

function SegmentationPage({ seg, all }: { seg: SegmentationInfo; all: SegmentationInfo[] }) {
  const { t } = useTranslation(OVERVIEW_SEG_NS);
  const lang = useChartLang();
  const share = useMemo(
    () => ({ labels: seg.segments.map((s) => s.name), counts: seg.segments.map((s) => s.count), amounts: seg.segments.every((s) => s.revenueShare !== null) ? seg.segments.map((s) => s.revenueShare ?? 0) : null }),
    [seg],
  );
  const shareOption = useMemo(() => segmentShareBar(share, lang), [share, lang]);
  const radarOption = useMemo(() => profileRadar(seg.segments, lang), [seg, lang]);
  return (
    <>
      <h3>{t('sizes')}</h3>
      <div className="k-table-wrap">
        <table className="k-table" data-testid="overview-sizes">
          <thead>
            <tr>
              <th>{t('segment')}</th>
              <th className="k-num">{t('customers')}</th>
              <th className="k-num">{t('share')}</th>
              <th className="k-num">{t('revenueShare')}</th>
              <th>{t('action')}</th>
            </tr>
          </thead>
          <tbody>
            {seg.segments.map((s) => (
              <tr key={s.name} data-testid="overview-segment" data-segment={s.name}>
                <td>{s.name}</td>
                <td className="k-num">{formatNumber(s.count)}</td>
                <td className="k-num">{formatPercent(s.share, 1)}</td>
                <td className="k-num">{s.revenueShare === null ? '—' : formatPercent(s.revenueShare, 1)}</td>
                <td>{s.action ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="k-chart-grid">
        <EChart option={shareOption} testId="overview-share-chart" />
        <EChart option={radarOption} testId="overview-radar" />
      </div>
      <Preferences seg={seg} />
      <Migration seg={seg} all={all} />
    </>
  );
}

function Preferences({ seg }: { seg: SegmentationInfo }) {
  const { t, i18n } = useTranslation(OVERVIEW_SEG_NS);
  const datasets = useQuery('datasets.list', {});
  const [factsId, setFactsId] = useState('');
  const [category, setCategory] = useState('');
  const segDs = datasets.data?.find((d) => d.id === seg.datasetId);
  const facts = datasets.data?.find((d) => d.id === factsId);
  // Join on the first column name both datasets share (客户编号 ↔ 客户编号).
  const key = segDs && facts ? segDs.columns.find((c) => facts.columns.some((f) => f.name === c.name)) : undefined;
  const factsKey = key && facts ? facts.columns.find((f) => f.name === key.name) : undefined;
  const ready = category !== '' && (facts === undefined || (key !== undefined && factsKey !== undefined));
  const result = useQuery(
    'crosstab.run',
    {
      datasetId: seg.datasetId,
      rows: { column: seg.columnKey },
      cols: { column: category || 'x' },
      ...(facts && key && factsKey ? { facts: { datasetId: facts.id, key: factsKey.key, rowsKey: key.key } } : {}),
    },
    { enabled: ready },
  );
  const colSource = facts ?? segDs;
  return (
    <>
      <h3>{t('preferences')}</h3>
      <div className="k-analysis__bar">
        <label className="k-well">
          <span className="k-well__title">{t('factsDataset')}</span>
          <select data-testid="overview-facts" value={factsId} onChange={(e) => { setFactsId(e.target.value); setCategory(''); }}>
            <option value="">{segDs?.name ?? ''}</option>
            {(datasets.data ?? []).filter((d) => d.id !== seg.datasetId).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="k-well">
          <span className="k-well__title">{t('category')}</span>
          <select data-testid="overview-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('choose')}</option>
            {(colSource?.columns ?? []).filter((c) => c.type === 'text' && c.key !== seg.columnKey).map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {result.error ? <ErrorBanner error={result.error} /> : null}
      {ready && result.data ? (
        <ul className="k-prefs">
          {result.data.preferences.map((p) => (
            <li key={p.row} data-testid="overview-preference">
              {i18n.language === 'en' ? p.en : p.zh}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Migration({ seg, all }: { seg: SegmentationInfo; all: SegmentationInfo[] }) {
  const { t } = useTranslation(OVERVIEW_SEG_NS);
  const others = all.filter((s) => s.id !== seg.id);
  const [toId, setToId] = useState('');
  const matrix = useQuery('segment.migration', { fromId: seg.id, toId: toId || seg.id }, { enabled: toId !== '' });
  if (others.length === 0) return null;
  return (
    <>
      <h3>{t('migration')}</h3>
      <label className="k-well" style={{ maxWidth: 320 }}>
        <span className="k-well__title">{t('compareWith')}</span>
        <select data-testid="overview-migration-to" value={toId} onChange={(e) => setToId(e.target.value)}>
          <option value="">{t('choose')}</option>
          {others.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {matrix.error ? <ErrorBanner error={matrix.error} /> : null}
      {toId && matrix.data ? (
        <div className="k-table-wrap">
          <table className="k-table" data-testid="overview-migration">
            <thead>
              <tr>
                <th>{t('from')}</th>
                {matrix.data.toSegments.map((s) => (
                  <th key={s} className="k-num">
                    {s}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.data.fromSegments.map((s, i) => (
                <tr key={s}>
                  <th>{s}</th>
                  {matrix.data!.counts[i]!.map((n, j) => (
                    <td key={j} className="k-num">
                      {formatNumber(n)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
