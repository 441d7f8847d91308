import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desktopBridge } from '../../app/desktop-bridge';
import { Button } from '../../components/button';
import { downloadHref } from '../../../../shared/format/file-paths';
import { REPORT_NS } from './strings';

/**
 * After a file is written: its path with a copy button, then "show in folder" on the desktop or,
 * in browser mode (where the engine's folder may not be at hand), a download link served by the engine.
 */
export function WrittenFile({ path, message }: { path: string; message: string }) {
  const { t } = useTranslation(REPORT_NS);
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    void navigator.clipboard?.writeText(path).then(() => setCopied(true), () => setCopied(false));
  };
  const [refused, setRefused] = useState(false);
  const bridge = desktopBridge();
  const reveal = (): void => {
    void bridge?.showInFolder(path).then((ok) => setRefused(!ok), () => setRefused(true));
  };
  const name = path.split(/[\\/]/).pop() ?? path;
  return (
    <div className="k-report-written" data-testid="written-file" data-path={path} role="status">
      <div>{message}</div>
      <div className="k-report-written__actions">
        <code className="k-report-written__path">{path}</code>
        <Button size="small" onClick={copy} data-testid="written-copy">
          {copied ? t('copied') : t('copyPath')}
        </Button>
        {bridge ? (
          <Button size="small" variant="primary" onClick={reveal} data-testid="written-show">
            {t('showInFolder')}
          </Button>
        ) : (
          <a className="k-button k-button--primary k-button--small" href={downloadHref(path)} download={name} data-testid="written-download">
            {t('download')}
          </a>
        )}
      </div>
      {refused ? <div className="k-muted" data-testid="written-show-refused">{t('showRefused')}</div> : null}
    </div>
  );
}
