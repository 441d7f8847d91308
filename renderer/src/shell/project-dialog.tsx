import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/button';
import { Dialog } from '../components/dialog';
import { ErrorBanner } from '../components/error-banner';
import { loadRecentProjects } from './recent-projects';

export interface ProjectDialogProps {
  mode: 'open' | 'create' | null;
  busy: boolean;
  /** The last failed attempt, shown inside the dialog so the user can correct the path. */
  error: unknown;
  onSubmit: (path: string, create: boolean) => void;
  onClose: () => void;
}

/** Browser mode has no native file dialog: the user types the project path on the engine's machine. */
export function ProjectDialog({ mode, busy, error, onSubmit, onClose }: ProjectDialogProps) {
  const { t } = useTranslation('shell');
  const [path, setPath] = useState('');
  const [recent] = useState(loadRecentProjects);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const trimmed = path.trim();
    if (trimmed && mode) onSubmit(trimmed, mode === 'create');
  };
  return (
    <Dialog
      open={mode !== null}
      title={mode === 'create' ? t('project.dialogCreateTitle') : t('project.dialogOpenTitle')}
      onClose={onClose}
      width={480}
      testId="project-dialog"
    >
      <form onSubmit={submit} className="k-form">
        <label className="k-field">
          <span className="k-field__label">{t('project.pathLabel')}</span>
          <input
            className="k-input"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={t('project.pathPlaceholder')}
            spellCheck={false}
            data-testid="project-path-input"
          />
          <span className="k-field__hint">{t('project.pathHint')}</span>
        </label>
        {mode === 'open' && recent.length > 0 ? (
          <div className="k-field">
            <span className="k-field__label">{t('project.recent')}</span>
            <ul className="k-recent" data-testid="recent-projects">
              {recent.map((r) => (
                <li key={r.path}>
                  <button
                    type="button"
                    className="k-recent__item"
                    title={r.path}
                    disabled={busy}
                    onClick={() => {
                      setPath(r.path);
                      onSubmit(r.path, false);
                    }}
                    data-testid="recent-project"
                  >
                    <span className="k-recent__name">{r.name}</span>
                    <span className="k-recent__path">{r.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {error ? <ErrorBanner error={error} /> : null}
        <div className="k-dialog__footer k-dialog__footer--inline">
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={busy || !path.trim()} data-testid="project-path-submit">
            {mode === 'create' ? t('project.submitCreate') : t('project.submitOpen')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
