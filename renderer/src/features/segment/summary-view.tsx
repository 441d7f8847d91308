import '../analysis-common/analysis.css';
import './segment.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { segmentShareBar } from '../../../../shared/charts/index';
import type { SegmentationInfo } from '../../../../shared/contract/segmentations';
import { useCall, useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import type { SegmentationParams } from '../analysis-common/segmentation-params';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { EChart } from '../analysis-common/echart';
import { useChartLang } from '../analysis-common/lang';
import { CardsEditor } from './cards-editor';
import { SegmentTable } from './segment-table';
import { SEGMENT_NS } from './strings';
import { SqlButton } from '../sql-export/sql-button';

/** A saved segmentation: summary table, share chart, editable names/actions, description cards. */
export function SegmentSummaryView({ datasetId, params }: ViewProps<SegmentationParams>) {
  const { t } = useTranslation(SEGMENT_NS);
  const list = useQuery('segmentations.list', datasetId === null ? {} : { datasetId });
  const [picked, setPicked] = useState<string | null>(params.segmentationId ?? null);
  if (list.error) return <ErrorBanner error={list.error} />;
  if (!list.data) return <div className="k-view-loading">…</div>;
  if (list.data.length === 0) return <EmptyState title={t('none')} hint={t('noneHint')} testId="segment-summary-empty" />;
  const current = list.data.find((s) => s.id === picked) ?? list.data[list.data.length - 1]!;
  return (
    <div className="k-analysis k-segment" data-testid="segment-summary">
      <div className="k-analysis__bar">
        <label className="k-field">
          <span className="k-field__label">{t('pick')}</span>
          <select value={current.id} onChange={(e) => setPicked(e.target.value)} data-testid="segment-pick">
            {list.data.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} · {s.createdAt.slice(0, 16).replace('T', ' ')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Summary key={`${current.id}:${JSON.stringify(current.segments.map((s) => [s.name, s.action]))}`} seg={current} />
    </div>
  );
}

function Summary({ seg }: { seg: SegmentationInfo }) {
  const { t } = useTranslation(SEGMENT_NS);
  const lang = useChartLang();
  const [texts, setTexts] = useState(() => seg.segments.map((s) => ({ segment: s.name, name: s.name, action: s.action ?? '' })));
  const update = useCall('segment.updateTexts');
  const saveTemplate = useCall('segment.templates.save');
  const [templateName, setTemplateName] = useState(`${seg.name} ${t('templateSuffix')}`);
  const [templateSaved, setTemplateSaved] = useState<string | null>(null);
  const onSaveTemplate = async (): Promise<void> => {
    const r = await saveTemplate.run({ name: templateName.trim() || seg.name, fromSegmentationId: seg.id });
    if (r) setTemplateSaved(r.name.zh);
  };
  const option = useMemo(
    () => segmentShareBar({ labels: seg.segments.map((s) => s.name), counts: seg.segments.map((s) => s.count), amounts: null }, lang),
    [seg, lang],
  );
  const onSave = (): void => {
    void update.run({
      segmentationId: seg.id,
      segments: texts.map((x) => ({ segment: x.segment, ...(x.name.trim() && x.name.trim() !== x.segment ? { name: x.name.trim() } : {}), action: x.action || null })),
    });
  };
  return (
    <>
      <SqlButton target={{ kind: 'segmentation', segmentationId: seg.id }} />
      <SegmentTable segments={seg.segments} testId="segment-summary-table" />
      <EChart option={option} testId="segment-chart" />
      <ErrorBanner error={update.error ?? saveTemplate.error} />
      <div className="k-table-wrap">
        <table className="k-table" data-testid="segment-texts">
          <thead>
            <tr>
              <th>{t('col.name')}</th>
              <th>{t('col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {texts.map((x, i) => (
              <tr key={x.segment}>
                <td>
                  <input
                    className="k-segment__text-input"
                    value={x.name}
                    onChange={(e) => setTexts((all) => all.map((y, j) => (j === i ? { ...y, name: e.target.value } : y)))}
                    data-testid="segment-rename"
                    data-segment={x.segment}
                  />
                </td>
                <td className="k-segment__action-cell">
                  {/* Actions are sentences ("每周电话回访，赠送…"): a box that wraps and grows, never cut off. */}
                  <textarea
                    className="k-segment__text-input k-segment__action-input"
                    rows={Math.min(6, Math.max(2, Math.ceil(x.action.length / 40)))}
                    value={x.action}
                    onChange={(e) => setTexts((all) => all.map((y, j) => (j === i ? { ...y, action: e.target.value } : y)))}
                    data-testid="segment-action"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <Button onClick={onSave} disabled={update.running} data-testid="segment-save-texts">
          {t('editTexts')}
        </Button>
      </div>
      <div className="k-analysis__bar">
        <label className="k-field">
          <span className="k-field__label">{t('templateName')}</span>
          <input value={templateName} onChange={(e) => setTemplateName(e.target.value)} data-testid="segment-template-name" />
        </label>
        <Button onClick={() => void onSaveTemplate()} disabled={saveTemplate.running} data-testid="segment-save-template">
          {t('saveTemplate')}
        </Button>
        {templateSaved ? <span data-testid="segment-template-saved">{t('templateSaved', { name: templateSaved })}</span> : null}
      </div>
      <CardsEditor segmentationId={seg.id} />
    </>
  );
}
