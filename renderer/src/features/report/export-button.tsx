import './report.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrosstabSpecInput, PivotSpecInput } from '../../../../shared/contract/analyze';
import type { ExportResult } from '../../../../shared/contract/exports';
import type { FilterSpec, SortSpec } from '../../../../shared/contract/rows';
import { useCall, useQuery } from '../../app/use-call';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { ProgressDialog } from '../../components/progress-dialog';
import { formatNumber } from '../../format';
import { besideProject, withExtension } from '../../../../shared/format/file-paths';
import { desktopBridge } from '../../app/desktop-bridge';
import { fileNameOf, placeToWrite } from './save-place';
import { REPORT_NS } from './strings';
import { WrittenFile } from './written-file';

/** What an export button writes: a grid view (with its sort and filters), a pivot or a cross-tab. */
export type ExportTarget =
  | { kind: 'dataset'; datasetId: string; sort: SortSpec[]; filters: FilterSpec[]; columns?: string[]; rows?: number }
  | { kind: 'pivot'; datasetId: string; spec: PivotSpecInput }
  | { kind: 'crosstab'; spec: CrosstabSpecInput };

type Encoding = 'utf-8-bom' | 'gb18030';

/** "导出 Export" for grid, pivot and cross-tab views: format, encoding, path, progress, then the written file. */
export function ExportButton(props: {
  target: ExportTarget;
  baseName: string;
  testId?: string;
  /** Controlled use: the ribbon's 导出 and a context menu open the same dialog. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const { target, baseName, testId = 'export-open' } = props;
  const { t } = useTranslation(REPORT_NS);
  const [own, setOwn] = useState(false);
  const open = props.open ?? own;
  const setOpen = props.onOpenChange ?? setOwn;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={testId}>
        {t('export')}
      </Button>
      {open ? <ExportDialog target={target} baseName={baseName} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ExportDialog({ target, baseName, onClose }: { target: ExportTarget; baseName: string; onClose: () => void }) {
  const { t, i18n } = useTranslation(REPORT_NS);
  const project = useQuery('project.info', {});
  const dataset = useCall('exports.dataset');
  const pivot = useCall('exports.pivot');
  const crosstab = useCall('exports.crosstab');
  const call = target.kind === 'dataset' ? dataset : target.kind === 'pivot' ? pivot : crosstab;
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [encoding, setEncoding] = useState<Encoding>('utf-8-bom');
  const [typed, setTyped] = useState<string | null>(null);
  const [done, setDone] = useState<ExportResult | null>(null);
  const path = typed ?? besideProject(project.data?.path, `${baseName}.${format}`);
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const bridge = desktopBridge();
  /** Desktop: the path the native Save dialog returned (the engine writes nowhere else). */
  const [chosen, setChosen] = useState<string | null>(null);
  const choosePlace = async (): Promise<void> => {
    const picked = await bridge?.saveReportDialog({ defaultName: fileNameOf(path), format });
    if (picked) {
      setTyped(picked);
      setChosen(picked);
    }
  };

  const start = async (): Promise<void> => {
    setDone(null);
    const place = await placeToWrite(path, chosen, format);
    if (!place) return;
    if (place !== path) {
      setTyped(place);
      setChosen(place);
    }
    const common = { path: place, format, encoding };
    const r =
      target.kind === 'dataset'
        ? await dataset.run({ ...common, datasetId: target.datasetId, sort: target.sort, filters: target.filters, ...(target.columns ? { columns: target.columns } : {}) })
        : target.kind === 'pivot'
          ? await pivot.run({ ...common, datasetId: target.datasetId, spec: target.spec, lang })
          : await crosstab.run({ ...common, spec: target.spec, lang });
    if (r) setDone(r);
  };
  const switchFormat = (f: 'xlsx' | 'csv'): void => {
    setFormat(f);
    if (typed !== null) setTyped(withExtension(typed, f));
  };

  return (
    <Dialog
      open
      title={t('exportTitle')}
      onClose={onClose}
      width={560}
      testId="export-dialog"
      footer={
        <>
          <Button onClick={onClose} data-testid="export-close">
            {t('close')}
          </Button>
          <Button variant="primary" disabled={call.running || path.trim() === ''} onClick={() => void start()} data-testid="export-start">
            {t('start')}
          </Button>
        </>
      }
    >
      <div className="k-report">
        {target.kind === 'dataset' && target.rows !== undefined ? <div className="k-report__hint">{t('exportView', { rows: formatNumber(target.rows) })}</div> : null}
        <div className="k-report__row">
          <label className="k-field">
            <span className="k-field__label">{t('format')}</span>
            <select data-testid="export-format" value={format} onChange={(e) => switchFormat(e.target.value === 'csv' ? 'csv' : 'xlsx')}>
              <option value="xlsx">Excel (.xlsx)</option>
              <option value="csv">CSV (.csv)</option>
            </select>
          </label>
          {format === 'csv' ? (
            <label className="k-field">
              <span className="k-field__label">{t('encoding')}</span>
              <select data-testid="export-encoding" value={encoding} onChange={(e) => setEncoding(e.target.value === 'gb18030' ? 'gb18030' : 'utf-8-bom')}>
                <option value="utf-8-bom">{t('encoding.utf-8-bom')}</option>
                <option value="gb18030">{t('encoding.gb18030')}</option>
              </select>
            </label>
          ) : null}
        </div>
        <label className="k-field k-report__path">
          <span className="k-field__label">{t('output')}</span>
          <input type="text" data-testid="export-path" value={path} onChange={(e) => setTyped(e.target.value)} />
        </label>
        {bridge ? (
          <Button onClick={() => void choosePlace()} data-testid="export-choose-path">
            {t('choosePlace')}
          </Button>
        ) : null}
        <ErrorBanner error={call.error} />
        {done ? <WrittenFile path={done.path} message={t('exported', { rows: formatNumber(done.rows), path: done.path })} /> : null}
      </div>
      <ProgressDialog open={call.running} title={t('exporting')} progress={call.progress} controller={call.controller} />
    </Dialog>
  );
}
