import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CleanPreview } from '../../../../shared/contract/clean';
import { useCall, useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { Button, EmptyState, ErrorBanner, ProgressDialog } from '../../components/index';
import { HistoryPanel } from './history-panel';
import { initialDraft, OpForm, toOperation, type OpDraft } from './op-form';
import { PreviewTable } from './preview-table';
import { QualityTable } from './quality-table';
import type { CleanParams } from './clean-params';
import { CLEAN_NS } from './strings';
import './clean.css';

/** Cleaning workbench: operation with preview and apply, history with undo/redo, data quality. */
export function CleanView({ datasetId, params }: ViewProps<CleanParams>) {
  const { t } = useTranslation(CLEAN_NS);
  const ds = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  const preview = useCall('clean.preview');
  const apply = useCall('clean.apply');
  const [draft, setDraft] = useState<OpDraft | null>(null);
  const [result, setResult] = useState<CleanPreview | null>(null);
  const [appliedSeq, setAppliedSeq] = useState<number | null>(null);
  const columns = ds.data?.columns;

  useEffect(() => {
    if (!columns || draft !== null) return;
    const start = initialDraft(columns);
    // Opened for one operation (or one column): that is what the form shows first.
    const column = params.column !== undefined && columns.some((c) => c.name === params.column) ? params.column : undefined;
    setDraft({ ...start, ...(params.op ? { op: params.op } : {}), ...(column ? { column, columns: [column] } : {}) });
  }, [columns, draft, params.op, params.column]);

  if (datasetId === null) return <EmptyState title={t('title')} />;
  if (!ds.data || !draft) return <ErrorBanner error={ds.error} />;

  const change = (d: OpDraft): void => {
    setDraft(d);
    setResult(null);
    setAppliedSeq(null);
    preview.clearError();
    apply.clearError();
  };
  const runPreview = async (): Promise<void> => {
    setAppliedSeq(null);
    const r = await preview.run({ datasetId, operation: toOperation(draft), sampleSize: 20 });
    setResult(r ?? null);
  };
  const runApply = async (): Promise<void> => {
    const r = await apply.run({ datasetId, operation: toOperation(draft) });
    if (r) {
      setResult(null);
      setAppliedSeq(r.step.seq);
    }
  };

  return (
    <div className="k-clean" data-testid="clean-view">
      <section className="k-clean__main">
        <OpForm draft={draft} columns={ds.data.columns} datasetId={datasetId} onChange={change} />
        <div className="k-row">
          <Button onClick={() => void runPreview()} disabled={preview.running} data-testid="clean-preview-button">
            {t('preview')}
          </Button>
          <Button variant="primary" onClick={() => void runApply()} disabled={apply.running} data-testid="clean-apply-button">
            {t('apply')}
          </Button>
          {appliedSeq !== null ? (
            <span className="k-clean__ok" data-testid="clean-applied">
              {t('applied', { seq: appliedSeq })}
            </span>
          ) : null}
        </div>
        <ErrorBanner error={preview.error ?? apply.error} testId="clean-error" />
        {result ? <PreviewTable preview={result} /> : <p className="k-field__hint">{t('noPreview')}</p>}
        <QualityTable datasetId={datasetId} />
      </section>
      <HistoryPanel datasetId={datasetId} />
      <ProgressDialog open={apply.running} title={t('applying')} progress={apply.progress} controller={apply.controller} />
    </div>
  );
}
