import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desktopBridge } from '../../app/desktop-bridge';
import { useEngine } from '../../app/engine-context';
import { Button } from '../../components/button';
import { downloadHref } from '../../../../shared/format/file-paths';
import { REPORT_NS } from './strings';

/** Asks the engine for a one-time ticket, then lets the browser fetch the file with it. */
function startDownload(href: string, name: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * After a file is written: its path with a copy button, then "show in folder" on the desktop or,
 * in browser mode (where the engine's folder may not be at hand), a download through a one-time
 * ticket (the page holds no other credential a download URL could carry).
 */
export function WrittenFile({ path, message }: { path: string; message: string }) {
  const { t } = useTranslation(REPORT_NS);
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    void navigator.clipboard?.writeText(path).then(() => setCopied(true), () => setCopied(false));
  };
  const [refused, setRefused] = useState(false);
  const [downloadFailed, setDownloadFailed] = useState(false);
  const client = useEngine();
  const bridge = desktopBridge();
  const download = (): void => {
    setDownloadFailed(false);
    client.call('exports.downloadTicket', { path }).then(
      (t) => startDownload(downloadHref(t.ticket), name),
      () => setDownloadFailed(true),
    );
  };
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
          <Button size="small" variant="primary" onClick={download} data-testid="written-download">
            {t('download')}
          </Button>
        )}
      </div>
      {refused ? <div className="k-muted" data-testid="written-show-refused">{t('showRefused')}</div> : null}
      {downloadFailed ? <div className="k-muted" data-testid="written-download-failed">{t('downloadFailed')}</div> : null}
    </div>
  );
}
