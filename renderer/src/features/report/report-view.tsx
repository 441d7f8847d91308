import '../analysis-common/analysis.css';
import './report.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_SHEETS, type ReportResult, type ReportSheet } from '../../../../shared/contract/exports';
import type { SegmentationInfo } from '../../../../shared/contract/segmentations';
import { desktopBridge } from '../../app/desktop-bridge';
import { useCall, useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import type { SegmentationParams } from '../analysis-common/segmentation-params';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { ProgressDialog } from '../../components/progress-dialog';
import { besideProject } from '../../../../shared/format/file-paths';
import { CrosstabOptions, NO_CROSSTAB, SheetChecklist, sheetBlocked, type CrosstabChoice } from './report-options';
import { REPORT_NS } from './strings';
import { WrittenFile } from './written-file';
import { SegmentationSelect, useSegmentationChoice } from '../analysis-common/segmentation-choice';

/** The report dialog as a project view: pick a segmentation, the sheets and options, write the workbook. */
export function ReportView({ params }: ViewProps<SegmentationParams>) {
  const { t } = useTranslation(REPORT_NS);
  const { list, seg, choose } = useSegmentationChoice(params);
  if (list.error) return <ErrorBanner error={list.error} />;
  if (!list.data) return <div className="k-view-loading">{t('title')}</div>;
  if (!seg) return <EmptyState title={t('none')} />;
  return (
    <div className="k-report" data-testid="report-view">
      <SegmentationSelect label={t('segmentation')} segs={list.data} value={seg.id} onChange={choose} testId="report-segmentation" />
      <ReportForm key={seg.id} seg={seg} all={list.data} />
    </div>
  );
}

function ReportForm({ seg, all }: { seg: SegmentationInfo; all: SegmentationInfo[] }) {
  const { t, i18n } = useTranslation(REPORT_NS);
  const datasets = useQuery('datasets.list', {});
  const project = useQuery('project.info', {});
  const call = useCall('exports.report');
  const [sheets, setSheets] = useState<Set<ReportSheet>>(() => new Set(REPORT_SHEETS));
  const [lang, setLang] = useState<'zh' | 'en'>(i18n.language === 'en' ? 'en' : 'zh');
  const [crosstab, setCrosstab] = useState<CrosstabChoice>(NO_CROSSTAB);
  const [compareWith, setCompareWith] = useState('');
  const [path, setPath] = useState('');
  const [done, setDone] = useState<ReportResult | null>(null);
  const defaultPath = useMemo(() => besideProject(project.data?.path, `${seg.name}-${lang === 'zh' ? '客群报告' : 'report'}.xlsx`), [project.data?.path, seg.name, lang]);
  // Follow the default until the user types a path of their own.
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (!edited) setPath(defaultPath);
  }, [defaultPath, edited]);

  const bridge = desktopBridge();
  const choosePlace = async (): Promise<void> => {
    const chosen = await bridge?.saveReportDialog({ defaultName: defaultPath.split(/[\\/]/).pop() ?? 'report.xlsx' });
    if (chosen) {
      setPath(chosen);
      setEdited(true);
    }
  };
  const wanted = REPORT_SHEETS.filter((s) => sheets.has(s) && !sheetBlocked(s, crosstab, compareWith));
  const write = async (): Promise<void> => {
    setDone(null);
    const r = await call.run({
      segmentationId: seg.id,
      path,
      lang,
      sheets: wanted,
      ...(crosstab.column
        ? { crosstab: { cols: crosstab.column, measure: 'count', ...(crosstab.factsId ? { factsDatasetId: crosstab.factsId, join: `${crosstab.rowsKey}=${crosstab.factsKey}` } : {}) } }
        : {}),
      ...(compareWith ? { compareWith } : {}),
    });
    if (r) setDone(r);
  };

  return (
    <>
      <SheetChecklist chosen={sheets} onChange={setSheets} crosstab={crosstab} compareWith={compareWith} />
      <div className="k-report__row">
        <label className="k-field">
          <span className="k-field__label">{t('language')}</span>
          <select data-testid="report-lang" value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'zh')}>
            <option value="zh">{t('lang.zh')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </label>
        <label className="k-field">
          <span className="k-field__label">{t('compareWith')}</span>
          <select data-testid="report-compare" value={compareWith} onChange={(e) => setCompareWith(e.target.value)}>
            <option value="">{t('none_')}</option>
            {all.filter((s) => s.id !== seg.id && s.datasetId === seg.datasetId).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {datasets.data ? <CrosstabOptions seg={seg} datasets={datasets.data} value={crosstab} onChange={setCrosstab} /> : null}
      <div className="k-report__row">
        <label className="k-field k-report__path">
          <span className="k-field__label">{t('output')}</span>
          <input
            type="text"
            data-testid="report-path"
            value={path}
            onChange={(e) => {
              setPath(e.target.value);
              setEdited(true);
            }}
          />
        </label>
        {bridge ? (
          <Button onClick={() => void choosePlace()} data-testid="report-choose-path">
            {t('choosePlace')}
          </Button>
        ) : null}
        <Button variant="primary" disabled={call.running || wanted.length === 0 || path.trim() === ''} onClick={() => void write()} data-testid="report-write">
          {t('write')}
        </Button>
      </div>
      <ErrorBanner error={call.error} />
      {done ? (
        <>
          <WrittenFile path={done.path} message={`${t('written', { path: done.path })} · ${t('writtenSheets', { sheets: done.sheets.join('、') })}`} />
          <div className="k-report__hint" data-testid="report-fonts">
            {done.fonts.cjkAvailable ? t('fonts', { family: done.fonts.family }) : t('noCjkFont')}
          </div>
          {done.warnings.length > 0 ? (
            <ul className="k-report__hint" data-testid="report-warnings">
              {done.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <ProgressDialog open={call.running} title={t('writing')} progress={call.progress} controller={call.controller} />
    </>
  );
}
