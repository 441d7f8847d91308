import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CleanPreview } from '../../../../shared/contract/clean';
import { useCall, useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { Button, EmptyState, ErrorBanner, ProgressDialog } from '../../components/index';
import { HistoryPanel } from './history-panel';
import { duplicateKeysOf, openDraft, toOperation, type ChosenDraft, type OpDraft } from './op-draft';
import { OpForm } from './op-form';
import { PreviewTable } from './preview-table';
import { QualityTable } from './quality-table';
import type { CleanParams } from './clean-params';
import { CLEAN_NS } from './strings';
import './clean.css';

/** Rows per preview page: a removal pages through every row it takes. */
const PAGE = 50;

const chosen = (d: OpDraft | null): d is ChosenDraft => d !== null && d.op !== null;

/**
 * Cleaning workbench: operation with preview and apply, history with undo/redo, data quality.
 * 应用 is possible only after 预览 of the operation as it stands, and hands the engine what the
 * preview counted: the step changes exactly the previewed rows, or nothing (STALE_INPUT).
 */
export function CleanView({ datasetId, params }: ViewProps<CleanParams>) {
  const { t } = useTranslation(CLEAN_NS);
  const ds = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  const preview = useCall('clean.preview');
  const apply = useCall('clean.apply');
  const [draft, setDraft] = useState<OpDraft | null>(null);
  const [result, setResult] = useState<CleanPreview | null>(null);
  const [appliedSeq, setAppliedSeq] = useState<number | null>(null);
  const columns = ds.data?.columns;
  const version = ds.data?.version;

  useEffect(() => {
    // Opened for one operation (or one column) from a ribbon button or a menu: that is what the form shows first.
    if (columns && draft === null) setDraft(openDraft(columns, params));
  }, [columns, draft, params]);

  // The dataset changed under the preview (a grid edit, an undo): what it showed no longer holds.
  useEffect(() => {
    setResult((r) => (r && version !== undefined && r.datasetVersion !== version ? null : r));
  }, [version]);

  if (datasetId === null) return <EmptyState title={t('title')} />;
  if (!ds.data || !draft) return <ErrorBanner error={ds.error} />;

  const change = (d: OpDraft): void => {
    setDraft(d);
    setResult(null);
    setAppliedSeq(null);
    preview.clearError();
    apply.clearError();
  };
  const runPreview = async (offset = 0): Promise<void> => {
    if (!chosen(draft)) return;
    setAppliedSeq(null);
    const r = await preview.run({ datasetId, operation: toOperation(draft), sampleSize: PAGE, sampleOffset: offset });
    setResult(r ?? null);
  };
  const runApply = async (): Promise<void> => {
    if (!chosen(draft) || !result) return;
    const expected = { datasetVersion: result.datasetVersion, affectedRows: result.affectedRows, removedRows: result.removedRows };
    const r = await apply.run({ datasetId, operation: toOperation(draft), expected });
    if (r) {
      setResult(null);
      setAppliedSeq(r.step.seq);
    }
  };
  const canApply = chosen(draft) && result !== null && !apply.running;

  return (
    <div className="k-clean" data-testid="clean-view">
      <section className="k-clean__main">
        <OpForm draft={draft} columns={ds.data.columns} datasetId={datasetId} onChange={change} />
        <div className="k-row">
          <Button onClick={() => void runPreview()} disabled={preview.running || !chosen(draft)} data-testid="clean-preview-button">
            {t('preview')}
          </Button>
          <Button variant="primary" onClick={() => void runApply()} disabled={!canApply} title={result ? undefined : t('previewFirst')} data-testid="clean-apply-button">
            {t('apply')}
          </Button>
          {appliedSeq !== null ? (
            <span className="k-clean__ok" data-testid="clean-applied">
              {t('applied', { seq: appliedSeq })}
            </span>
          ) : null}
        </div>
        <ErrorBanner error={preview.error ?? apply.error} testId="clean-error" />
        {result ? (
          <PreviewTable preview={result} pageSize={PAGE} busy={preview.running} onPage={(offset) => void runPreview(offset)} />
        ) : (
          <p className="k-field__hint" data-testid="clean-no-preview">
            {chosen(draft) ? t('noPreview') : t('chooseFirst')}
          </p>
        )}
        <QualityTable datasetId={datasetId} keys={duplicateKeysOf(draft)} />
      </section>
      <HistoryPanel datasetId={datasetId} />
      <ProgressDialog open={apply.running} title={t('applying')} progress={apply.progress} controller={apply.controller} />
    </div>
  );
}
