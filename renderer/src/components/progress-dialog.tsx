import { useTranslation } from 'react-i18next';
import type { Progress } from '../../../shared/rpc/client';
import { formatNumber } from '../format';
import { Button } from './button';
import { Dialog } from './dialog';

export interface ProgressDialogProps {
  open: boolean;
  title: string;
  progress: Progress | null;
  /** Cancel aborts this controller (the client then sends a cancel frame to the engine). */
  controller?: AbortController | null;
  onCancel?: () => void;
}

/** Long engine work: a bar (or an indeterminate stripe before the first report) and 取消. */
export function ProgressDialog({ open, title, progress, controller, onCancel }: ProgressDialogProps) {
  const { t } = useTranslation('shell');
  const ratio = progress && progress.total ? Math.min(1, Math.max(0, progress.done / progress.total)) : null;
  const cancel = (): void => {
    controller?.abort();
    onCancel?.();
  };
  return (
    <Dialog
      open={open}
      title={title}
      testId="progress-dialog"
      footer={
        <Button onClick={cancel} data-testid="progress-cancel">
          {t('action.cancel')}
        </Button>
      }
    >
      <div className={`k-progress ${ratio === null ? 'k-progress--indeterminate' : ''}`}>
        <div className="k-progress__bar" style={ratio === null ? undefined : { width: `${(ratio * 100).toFixed(1)}%` }} />
      </div>
      <div className="k-progress__label">
        {progress?.label ? `${progress.label} · ` : ''}
        {progress && progress.total
          ? `${formatNumber(progress.done)} / ${formatNumber(progress.total)}`
          : t('progress.working')}
      </div>
    </Dialog>
  );
}
