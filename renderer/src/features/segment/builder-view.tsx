import '../analysis-common/analysis.css';
import './segment.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetInfo } from '../../../../shared/contract/datasets';
import { KequnError } from '../../../../shared/contract/errors';
import type { SegmentRunResult } from '../../../../shared/contract/segment';
import { useCall, useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { useWorkspace } from '../../app/workspace';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { ProgressDialog } from '../../components/progress-dialog';
import { formatNumber } from '../../format';
import { BuilderFields } from './builder-fields';
import { initialForm, toCall, type BuilderForm, type BuilderMethod } from './builder-form';
import { RunNotes } from './run-notes';
import { SegmentTable } from './segment-table';
import { SEGMENT_NS, segmentStrings } from './strings';
import { usePreview, useSave } from './use-segment-run';

const METHODS: BuilderMethod[] = ['rfm8', 'pareto', 'lifecycle', 'rules', 'template'];

/** Segmentation builder: pick a method or template, see live counts, save. */
export function SegmentBuilderView({ datasetId }: ViewProps) {
  const { t } = useTranslation(SEGMENT_NS);
  const q = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  if (q.error) return <ErrorBanner error={q.error} />;
  if (!q.data) return <div className="k-view-loading">{t('previewing')}</div>;
  return <Builder key={q.data.id} ds={q.data} />;
}

function Builder({ ds }: { ds: DatasetInfo }) {
  const { t } = useTranslation(SEGMENT_NS);
  const { openTab } = useWorkspace();
  const columns = ds.columns.map((c) => c.name);
  const [form, setForm] = useState<BuilderForm>(() => initialForm(columns));
  const [saved, setSaved] = useState<SegmentRunResult | null>(null);
  // Fetched each time the template method is chosen, so templates saved meanwhile show up.
  const templates = useQuery('segment.templates.list', {}, { refreshOn: [], enabled: form.method === 'template' });
  const patch = (p: Partial<BuilderForm>): void => {
    setForm((f) => ({ ...f, ...p }));
    setSaved(null);
  };
  const previewCall = toCall(ds.id, form, true);
  const preview = usePreview(previewCall);
  const saver = useSave();
  const scorer = useCall('segment.rfmScore');
  const [scored, setScored] = useState<number | null>(null);
  const onScore = async (): Promise<void> => {
    const r = await scorer.run({ datasetId: ds.id, columns: { r: form.r, f: form.f, m: form.m } });
    if (r) setScored(r.scored);
  };
  const onSave = async (): Promise<void> => {
    const call = toCall(ds.id, form, false);
    if (!call) return;
    const r = await saver.run(call);
    if (r) setSaved(r);
  };
  const tagDetails = preview.data && preview.data.segments.length === 0 ? (preview.data.details as { tags?: unknown[]; taggedCustomers?: number }) : null;
  return (
    <div className="k-analysis k-segment" data-testid="segment-builder">
      <div className="k-analysis__bar">
        <label className="k-field">
          <span className="k-field__label">{t('method')}</span>
          <select value={form.method} onChange={(e) => patch({ method: e.target.value as BuilderMethod })} data-testid="segment-method">
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`methods.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <BuilderFields form={form} columns={columns} templates={templates.data ?? []} patch={patch} />
        <label className="k-field">
          <span className="k-field__label">{t('name')}</span>
          <input value={form.name} onChange={(e) => patch({ name: e.target.value })} data-testid="segment-name-input" />
        </label>
        <Button variant="primary" onClick={() => void onSave()} disabled={!previewCall || saver.running} data-testid="segment-save">
          {t('save')}
        </Button>
        {form.method === 'rfm8' ? (
          <Button onClick={() => void onScore()} disabled={scorer.running} title={t('scoreHint')} data-testid="segment-write-scores">
            {t('writeScores')}
          </Button>
        ) : null}
      </div>
      {scored !== null ? <div data-testid="segment-scores-written">{t('scoresWritten', { n: formatNumber(scored) })}</div> : null}
      {previewCall === null ? <ErrorBanner error={new KequnError('SEGMENT_INVALID', segmentStrings.en.schemeBad, { zh: segmentStrings['zh-CN'].schemeBad })} testId="segment-scheme-error" /> : null}
      <ErrorBanner error={preview.error ?? saver.error ?? scorer.error} />
      {saved?.segmentation ? (
        <div className="k-segment__saved" data-testid="segment-saved" data-segmentation-id={saved.segmentation.id}>
          {t('saved', { name: saved.segmentation.name })}{' '}
          <Button size="small" onClick={() => openTab({ viewId: 'segment-summary', datasetId: ds.id, params: { segmentationId: saved.segmentation!.id } })} data-testid="segment-open-summary">
            {t('openSummary')}
          </Button>
        </div>
      ) : null}
      {/* After saving, the table shows what was saved: no longer an unsaved preview. */}
      <div className="k-segment__heading" data-testid="segment-preview-heading">
        {saved?.segmentation ? t('savedHeading', { name: saved.segmentation.name }) : preview.loading ? t('previewing') : t('preview')}
      </div>
      {preview.data && preview.data.unassigned > 0 ? <div className="k-field__hint">{t('unassigned', { n: formatNumber(preview.data.unassigned) })}</div> : null}
      <RunNotes result={saved ?? preview.data ?? null} />
      {tagDetails ? <div data-testid="segment-tags-summary">{t('tagsApplied', { n: tagDetails.tags?.length ?? 0, customers: tagDetails.taggedCustomers ?? 0 })}</div> : null}
      {preview.data && preview.data.segments.length > 0 ? <SegmentTable segments={preview.data.segments} testId="segment-preview" /> : null}
      <ProgressDialog open={saver.running} title={t('save')} progress={saver.progress} controller={saver.controller} />
    </div>
  );
}
