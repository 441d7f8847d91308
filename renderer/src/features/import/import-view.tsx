import { useCallback, useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnType } from '../../../../shared/contract/datasets';
import { IMPORT_ENCODINGS, type DateOrder, type ImportEncoding, type ImportPreview } from '../../../../shared/contract/import';
import { desktopBridge } from '../../app/desktop-bridge';
import { useEngine } from '../../app/engine-context';
import { toKequnError, useCall, useQuery } from '../../app/use-call';
import { defaultDatasetViewId, type ViewProps } from '../../app/view-registry';
import { useWorkspace } from '../../app/workspace';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { ProgressDialog } from '../../components/progress-dialog';
import type { ImportParams } from './import-params';
import { PreviewTable } from './preview-table';
import { IMPORT_NS } from './strings';
import { uploadFile } from './upload-file';
import './import.css';

interface Options {
  sheet: string | null;
  encoding: ImportEncoding;
  headerRow: number | null;
  /** Day/month order switched by the user, per column position (others: decided from the column). */
  dateOrders: Record<string, DateOrder>;
}

/**
 * Import: pick a file (path, file picker, drop, or the desktop dialog), preview the first rows
 * with inferred types, adjust sheet/encoding/header row/types, then import with progress and
 * open the new dataset.
 */
export function ImportView({ params }: ViewProps<ImportParams>) {
  const { t, i18n } = useTranslation(IMPORT_NS);
  const client = useEngine();
  const { openTab } = useWorkspace();
  const initial = params.path ?? '';
  const [path, setPath] = useState(initial);
  const [previewPath, setPreviewPath] = useState<string | null>(initial || null);
  const [options, setOptions] = useState<Options>({ sheet: null, encoding: 'auto', headerRow: null, dateOrders: {} });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [types, setTypes] = useState<Record<string, ColumnType>>({});
  const [allSheets, setAllSheets] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = useCall('import.run');
  const append = useCall('import.append');
  const datasets = useQuery('datasets.list', {});
  /** '' = a new dataset; else the dataset the rows are appended to (next month's file). */
  const [target, setTarget] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  // Another file: where its rows go is chosen anew.
  useEffect(() => setTarget(''), [previewPath]);

  useEffect(() => {
    if (!previewPath) return undefined;
    const controller = new AbortController();
    setBusy(true);
    client
      .call(
        'import.preview',
        {
          path: previewPath,
          encoding: options.encoding,
          ...(options.sheet ? { sheet: options.sheet } : {}),
          ...(options.headerRow !== null ? { headerRow: options.headerRow } : {}),
          ...(Object.keys(options.dateOrders).length > 0 ? { dateOrders: options.dateOrders } : {}),
        },
        { signal: controller.signal },
      )
      .then((p) => {
        setPreview(p);
        setTypes({});
        setError(null);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setPreview(null);
        setError(toKequnError(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setBusy(false);
      });
    return () => controller.abort();
  }, [client, previewPath, options]);

  const choose = useCallback(
    async (file: File) => {
      setBusy(true);
      try {
        const uploaded = await uploadFile(client, file);
        setPath(file.name);
        setOptions({ sheet: null, encoding: 'auto', headerRow: null, dateOrders: {} });
        setPreviewPath(uploaded);
      } catch (e) {
        setError(toKequnError(e));
        setBusy(false);
      }
    },
    [client],
  );

  const desktop = desktopBridge();
  const pickDesktop = async (): Promise<void> => {
    const [first] = (await desktop?.openWorkbookDialog()) ?? [];
    if (first) {
      setPath(first);
      setPreviewPath(first);
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    // Desktop: the preload hands dropped files to main, which grants their paths and opens each
    // in its own import tab (use-desktop-import.ts); an upload here too would import it twice.
    if (desktop) return;
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (file) void choose(file);
  };

  const start = async (): Promise<void> => {
    if (!preview) return;
    setNotice(null);
    if (target) {
      const added = await append.run({
        path: preview.path,
        datasetId: target,
        encoding: options.encoding,
        ...(preview.sheet ? { sheet: preview.sheet } : {}),
        headerRow: preview.headerRow,
        ...(Object.keys(options.dateOrders).length > 0 ? { dateOrders: options.dateOrders } : {}),
      });
      if (!added) return;
      const unmatched = [...added.unmatchedSource, ...added.unmatchedTarget];
      setNotice(t('appended', { rows: added.rowsAdded, unmatched: unmatched.length > 0 ? unmatched.join(', ') : '—' }));
      openTab({ viewId: defaultDatasetViewId(), datasetId: added.datasetId });
      return;
    }
    const result = await run.run({
      path: preview.path,
      encoding: options.encoding,
      allSheets,
      ...(!allSheets && preview.sheet ? { sheet: preview.sheet } : {}),
      headerRow: preview.headerRow,
      ...(Object.keys(types).length > 0 ? { columnTypes: types } : {}),
      ...(Object.keys(options.dateOrders).length > 0 ? { dateOrders: options.dateOrders } : {}),
    });
    const first = result?.datasets[0];
    if (!result || !first) return;
    // Kept on this tab: what was imported and what the user should check (flagged cells, renamed headers).
    const notes = result.warnings.map((w) => (i18n.language === 'en' ? w.message : w.messageZh));
    setNotice([...result.datasets.map((d) => t('done', { rows: d.rows, name: d.name })), ...notes].join('\n'));
    openTab({ viewId: defaultDatasetViewId(), datasetId: first.id });
  };

  return (
    <div className="k-import" data-testid="import-view" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <h2 className="k-overview__title">{t('title')}</h2>
      <div className="k-field">
        <label className="k-field__label" htmlFor="import-path">
          {t('pathLabel')}
        </label>
        <div className="k-import__path">
          <input
            id="import-path"
            className="k-input k-import__path-input"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && path.trim() && setPreviewPath(path.trim())}
            data-testid="import-path"
          />
          <Button onClick={() => path.trim() && setPreviewPath(path.trim())} data-testid="import-preview-button">
            {t('preview')}
          </Button>
          {desktop ? (
            <Button onClick={() => void pickDesktop()}>{t('choose')}</Button>
          ) : (
            <label className="k-button k-button--default">
              {t('choose')}
              <input
                type="file"
                hidden
                accept=".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.tsv,.txt"
                data-testid="import-file-input"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void choose(f);
                }}
              />
            </label>
          )}
        </div>
        <div className="k-field__hint">{t('pathHint')}</div>
      </div>
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
      {run.error ? <ErrorBanner error={run.error} onDismiss={run.clearError} testId="import-run-error" /> : null}
      {append.error ? <ErrorBanner error={append.error} onDismiss={append.clearError} testId="import-run-error" /> : null}
      {notice ? (
        <div className="k-field__hint k-import__notice" data-testid="import-notice">
          {notice}
        </div>
      ) : null}
      {busy ? <div className="k-view-loading">{t('uploading')}</div> : null}
      {preview ? (
        <>
          <div className="k-import__options" data-testid="import-options">
            <span>{t('format', { format: preview.format })}</span>
            {preview.sheets.length > 0 ? (
              <label className="k-field">
                <span className="k-field__label">{t('sheet')}</span>
                <select
                  className="k-input"
                  value={preview.sheet ?? ''}
                  onChange={(e) => setOptions({ ...options, sheet: e.target.value, headerRow: null, dateOrders: {} })}
                  data-testid="import-sheet"
                >
                  {preview.sheets.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {preview.sheets.length > 1 ? (
              <label>
                <input type="checkbox" checked={allSheets} onChange={(e) => setAllSheets(e.target.checked)} data-testid="import-all-sheets" /> {t('allSheets')}
              </label>
            ) : null}
            {preview.encoding !== null ? (
              <label className="k-field">
                <span className="k-field__label">{t('encoding')}</span>
                <select
                  className="k-input"
                  value={options.encoding}
                  onChange={(e) => setOptions({ ...options, encoding: e.target.value as ImportEncoding })}
                  data-testid="import-encoding"
                >
                  {IMPORT_ENCODINGS.map((enc) => (
                    <option key={enc} value={enc}>
                      {enc === 'auto' ? `${t('encodingAuto')} (${preview.encoding})` : enc}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <label className="k-field">
              <span className="k-field__label">{t('headerRow')}</span>
              <input
                className="k-input"
                type="number"
                min={0}
                style={{ width: 80 }}
                value={preview.headerRow}
                title={t('headerNone')}
                onChange={(e) => setOptions({ ...options, headerRow: Math.max(0, Number(e.target.value) || 0) })}
                data-testid="import-header-row"
              />
            </label>
            <label className="k-field">
              <span className="k-field__label">{t('target')}</span>
              <select className="k-input" value={target} onChange={(e) => setTarget(e.target.value)} data-testid="import-target">
                <option value="">{t('targetNew')}</option>
                {(datasets.data ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {t('targetAppend', { name: d.name })}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="primary" onClick={() => void start()} disabled={run.running || append.running} data-testid="import-run">
              {t('run')}
            </Button>
          </div>
          {preview.warnings.length > 0 ? (
            <ul className="k-field__hint" data-testid="import-warnings">
              {preview.warnings.map((w, i) => (
                <li key={i}>{i18n.language === 'en' ? w.message : w.messageZh}</li>
              ))}
            </ul>
          ) : null}
          <div className="k-field__hint">{t('rowsShown', { n: preview.rows.length })}</div>
          <PreviewTable
            preview={preview}
            types={types}
            onTypeChange={(i, ty) => setTypes({ ...types, [String(i)]: ty })}
            onDateOrderChange={(i, order) => setOptions({ ...options, dateOrders: { ...options.dateOrders, [String(i)]: order } })}
          />
        </>
      ) : null}
      <ProgressDialog open={run.running} title={t('running')} progress={run.progress} controller={run.controller} />
      <ProgressDialog open={append.running} title={t('running')} progress={append.progress} controller={append.controller} />
    </div>
  );
}
