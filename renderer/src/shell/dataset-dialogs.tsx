import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { useCall } from '../app/use-call';
import { Button } from '../components/button';
import { Dialog } from '../components/dialog';
import { ErrorBanner } from '../components/error-banner';
import { formatNumber } from '../format';

export type DatasetDialogState = { kind: 'rename' | 'remove'; dataset: DatasetInfo } | null;

/** Rename or delete a dataset, like renaming or deleting a sheet; errors stay in the dialog. */
export function DatasetDialogs({ state, onClose }: { state: DatasetDialogState; onClose: () => void }) {
  if (!state) return null;
  return state.kind === 'rename' ? (
    <RenameDialog key={state.dataset.id} dataset={state.dataset} onClose={onClose} />
  ) : (
    <RemoveDialog key={state.dataset.id} dataset={state.dataset} onClose={onClose} />
  );
}

function RenameDialog({ dataset, onClose }: { dataset: DatasetInfo; onClose: () => void }) {
  const { t } = useTranslation('shell');
  const [name, setName] = useState(dataset.name);
  const rename = useCall('datasets.rename');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    if (trimmed === dataset.name || (await rename.run({ datasetId: dataset.id, name: trimmed }))) onClose();
  };
  return (
    <Dialog open title={t('datasets.renameTitle')} onClose={onClose} testId="rename-dialog">
      <form className="k-form" onSubmit={(e) => void submit(e)}>
        <label className="k-field">
          <span className="k-field__label">{t('datasets.nameLabel')}</span>
          <input
            className="k-input"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            data-testid="rename-input"
          />
        </label>
        {rename.error ? <ErrorBanner error={rename.error} /> : null}
        <div className="k-dialog__footer k-dialog__footer--inline">
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={rename.running || !name.trim()} data-testid="rename-submit">
            {t('action.ok')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function RemoveDialog({ dataset, onClose }: { dataset: DatasetInfo; onClose: () => void }) {
  const { t } = useTranslation('shell');
  const remove = useCall('datasets.remove');
  const confirm = async (): Promise<void> => {
    if (await remove.run({ datasetId: dataset.id })) onClose();
  };
  return (
    <Dialog
      open
      title={t('datasets.removeTitle')}
      onClose={onClose}
      testId="remove-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="danger" onClick={() => void confirm()} disabled={remove.running} data-testid="remove-submit">
            {t('datasets.removeConfirm')}
          </Button>
        </>
      }
    >
      <p className="k-dialog__text">
        {t('datasets.removeText', { name: dataset.name, rows: formatNumber(dataset.rowCount) })}
      </p>
      {remove.error ? <ErrorBanner error={remove.error} /> : null}
    </Dialog>
  );
}
