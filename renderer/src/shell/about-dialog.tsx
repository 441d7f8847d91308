import { useTranslation } from 'react-i18next';
import { useQuery } from '../app/use-call';
import { Button } from '../components/button';
import { Dialog } from '../components/dialog';
import { ErrorBanner } from '../components/error-banner';

/** Versions and the open project file: what a user reads out to support. */
export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('shell');
  const info = useQuery('engine.info', {});
  const rows: [string, string][] = info.data
    ? [
        [t('about.appVersion'), info.data.appVersion],
        [t('about.node'), info.data.nodeVersion],
        [t('about.sqlite'), info.data.sqliteVersion],
        [t('about.platform'), info.data.platform],
        [t('about.project'), info.data.project?.path ?? t('project.none')],
      ]
    : [];
  return (
    <Dialog
      open
      title={t('about.title')}
      onClose={onClose}
      width={460}
      testId="about-dialog"
      footer={<Button onClick={onClose}>{t('action.close')}</Button>}
    >
      {info.error ? <ErrorBanner error={info.error} /> : null}
      {rows.length === 0 && !info.error ? <div className="k-muted">{t('loading')}</div> : null}
      <dl className="k-about">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd data-testid="about-value">{v}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
