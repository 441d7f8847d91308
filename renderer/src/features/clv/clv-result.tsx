import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clvFrequencyChart, clvPAliveChart, clvTierChart, clvTrackingChart } from '../../../../shared/charts/index';
import type { ClvModel } from '../../../../shared/contract/clv';
import { defaultDatasetViewId } from '../../app/view-registry';
import { useWorkspace } from '../../app/workspace';
import { Button } from '../../components/index';
import { formatNumber } from '../../format';
import { EChart } from '../analysis-common/echart';
import { useChartLang } from '../analysis-common/lang';
import { ReportButton } from '../report/report-button';
import { CLV_NS } from './strings';

const pct = (v: number | null, digits = 1): string => (v === null ? '-' : `${formatNumber(v * 100, digits)}%`);

/** A fitted model: parameters and convergence, warnings, the four charts, tiers, validation and the RFM cross. */
export function ClvResult({ model }: { model: ClvModel }) {
  const { t } = useTranslation(CLV_NS);
  const lang = useChartLang();
  const { openTab } = useWorkspace();
  const [mode, setMode] = useState<'cumulative' | 'incremental'>('cumulative');
  const charts = useMemo(
    () => ({
      tracking: clvTrackingChart(model, lang, mode),
      frequency: clvFrequencyChart(model, lang),
      pAlive: clvPAliveChart(model, lang),
      tiers: clvTierChart(model, lang),
    }),
    [model, lang, mode],
  );
  const bg = model.bgnbd;
  const gg = model.gammaGamma;
  const h = model.holdout;
  const money = (v: number | null): string => (v === null ? '-' : formatNumber(v, 2));
  const param = (name: string, v: number, se: number | null | undefined) => (
    <tr key={name}>
      <th>{name}</th>
      <td className="k-num">{formatNumber(v, 4)}</td>
      <td className="k-num">{se === null || se === undefined ? '-' : formatNumber(se, 4)}</td>
    </tr>
  );
  return (
    <div className="k-clv__result" data-testid="clv-result" data-model-id={model.id} data-customers={model.data.customers}>
      <div className="k-analysis__bar">
        <span>{t('customers', { customers: formatNumber(model.data.customers), repeat: formatNumber(model.data.repeatCustomers), purchases: formatNumber(model.data.repeatPurchases) })}</span>
        <span>
          {t('period', { from: model.data.firstPurchase, to: model.inputs.calibrationEnd })}
          {model.inputs.holdoutEnd ? ` · ${t('holdout', { to: model.inputs.holdoutEnd })}` : ''}
        </span>
        <Button size="small" onClick={() => openTab({ viewId: defaultDatasetViewId(), datasetId: model.datasetId })} data-testid="clv-open-dataset">
          {t('openDataset')}
        </Button>
        <Button size="small" onClick={() => openTab({ viewId: 'segment-overview', datasetId: null, params: { segmentationId: model.segmentationId } })} data-testid="clv-open-tiers">
          {t('openTiers')}
        </Button>
        <ReportButton segmentationId={model.segmentationId} />
      </div>
      {model.warnings.length > 0 ? (
        <div className="k-clv__warnings" data-testid="clv-warnings">
          <strong>{t('warnings')}</strong>
          <ul>
            {model.warnings.map((w) => (
              <li key={w.code} data-code={w.code}>
                {lang === 'en' ? w.en : w.zh}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="k-clv__params">
        <section data-testid="clv-bgnbd" data-converged={bg.converged}>
          <h4>{t('bgnbdTitle')}</h4>
          <table className="k-clv__table">
            <thead>
              <tr>
                <th>{t('parameter')}</th>
                <th>{t('estimate')}</th>
                <th>{t('se')}</th>
              </tr>
            </thead>
            <tbody>
              {param('r', bg.r, bg.standardErrors?.r)}
              {param('α', bg.alpha, bg.standardErrors?.alpha)}
              {param('a', bg.a, bg.standardErrors?.a)}
              {param('b', bg.b, bg.standardErrors?.b)}
            </tbody>
          </table>
          <p>
            {t('logLik', { ll: formatNumber(bg.logLik, 1) })} · {t(bg.converged ? 'converged' : 'notConverged', { agree: bg.agreeingStarts, starts: bg.starts.length })}
            {bg.startsSample !== null ? (
              <>
                <br />
                {t('startsSample', { n: formatNumber(bg.startsSample) })}
              </>
            ) : null}
          </p>
        </section>
        {gg ? (
          <section data-testid="clv-gg">
            <h4>{t('ggTitle')}</h4>
            <table className="k-clv__table">
              <thead>
                <tr>
                  <th>{t('parameter')}</th>
                  <th>{t('estimate')}</th>
                  <th>{t('se')}</th>
                </tr>
              </thead>
              <tbody>
                {param('p', gg.p, gg.standardErrors?.p)}
                {param('q', gg.q, gg.standardErrors?.q)}
                {param('γ', gg.gamma, gg.standardErrors?.gamma)}
              </tbody>
            </table>
            <p>
              {t('logLik', { ll: formatNumber(gg.logLik, 1) })} · {t(gg.converged ? 'converged' : 'notConverged', { agree: gg.agreeingStarts, starts: gg.starts.length })}
              <br />
              {t('correlation', { r: gg.correlation === null ? '-' : formatNumber(gg.correlation, 2) })} · {t('popMean', { v: money(gg.populationMeanSpend) })}
            </p>
          </section>
        ) : null}
      </div>
      <p data-testid="clv-totals">
        {t('totals', { months: model.inputs.horizonMonths, total: money(model.summary.clvTotal), mean: money(model.summary.clvMean), median: money(model.summary.clvMedian) })}
      </p>
      <div className="k-analysis__bar">
        <label>
          {t('trackingMode')}{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as 'cumulative' | 'incremental')} data-testid="clv-tracking-mode">
            <option value="cumulative">{t('cumulative')}</option>
            <option value="incremental">{t('incremental')}</option>
          </select>
        </label>
        <span data-testid="clv-validation">
          {h
            ? t('validationSummary', {
                actual: formatNumber(h.actualTotal),
                predicted: formatNumber(h.predictedTotal, 1),
                err: pct(h.relativeError),
                mae: formatNumber(h.mae, 3),
                rmse: formatNumber(h.rmse, 3),
                mape: pct(h.trackingMape),
              })
            : t('noHoldout')}
        </span>
      </div>
      <div className="k-clv__charts">
        <EChart option={charts.tracking} testId="clv-chart-tracking" />
        {charts.frequency ? <EChart option={charts.frequency} testId="clv-chart-frequency" /> : null}
        <EChart option={charts.pAlive} testId="clv-chart-palive" />
        <EChart option={charts.tiers} testId="clv-chart-tiers" />
      </div>
      <h4>{t('tiersTitle')}</h4>
      <table className="k-clv__table" data-testid="clv-tiers">
        <thead>
          <tr>
            <th>{t('tier')}</th>
            <th>{t('count')}</th>
            <th>{t('share')}</th>
            <th>{t('clvTotal')}</th>
            <th>{t('clvShare')}</th>
            <th>{t('clvMean')}</th>
            <th>{t('pAlive')}</th>
          </tr>
        </thead>
        <tbody>
          {model.tiers.map((x) => (
            <tr key={x.name} data-testid="clv-tier-row">
              <th>{x.name}</th>
              <td className="k-num">{formatNumber(x.customers)}</td>
              <td className="k-num">{pct(x.share)}</td>
              <td className="k-num">{money(x.clvTotal)}</td>
              <td className="k-num">{pct(x.clvShare)}</td>
              <td className="k-num">{money(x.clvMean)}</td>
              <td className="k-num">{pct(x.meanPAlive)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('crossTitle')}</h4>
      <p className="k-clv__hint">{t('crossHint', { p: formatNumber(model.inputs.aliveThreshold, 2) })}</p>
      <table className="k-clv__table" data-testid="clv-cross">
        <thead>
          <tr>
            <th>{t('segment')}</th>
            <th>{t('count')}</th>
            <th>{t('oneTime')}</th>
            <th>{t('repeat')}</th>
            <th>{t('likelyAlive')}</th>
            <th>{t('pAlive')}</th>
            <th>{t('clvMean')}</th>
            <th>{t('clvTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {model.rfmCross.rows.map((r) => (
            <tr key={r.segment} data-segment={r.segment} className={r.segment === '重要挽留客户' ? 'k-clv__highlight' : undefined}>
              <th>{r.segment}</th>
              <td className="k-num">{formatNumber(r.customers)}</td>
              <td className="k-num">{formatNumber(r.oneTime)}</td>
              <td className="k-num">{formatNumber(r.repeat)}</td>
              <td className="k-num" data-testid="clv-likely-alive">
                {formatNumber(r.likelyAlive)}
              </td>
              <td className="k-num">{pct(r.meanPAliveRepeat)}</td>
              <td className="k-num">{money(r.meanClv)}</td>
              <td className="k-num">{money(r.clvTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('topTitle')}</h4>
      <table className="k-clv__table" data-testid="clv-top">
        <thead>
          <tr>
            <th>{model.inputs.customer}</th>
            <th>{t('x')}</th>
            <th>{t('pAlive')}</th>
            <th>{t('expected')}</th>
            <th>{t('spend')}</th>
            <th>CLV</th>
          </tr>
        </thead>
        <tbody>
          {model.topCustomers.map((c) => (
            <tr key={c.customer}>
              <th>{c.customer}</th>
              <td className="k-num">{c.x}</td>
              <td className="k-num">{pct(c.pAlive)}</td>
              <td className="k-num">{formatNumber(c.expectedPurchases, 2)}</td>
              <td className="k-num">{money(c.expectedSpend)}</td>
              <td className="k-num">{money(c.clv)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
