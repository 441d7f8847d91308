import '../analysis-common/analysis.css';
import './report.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_SHEETS, type ReportChartMode, type ReportResult, type ReportSheet } from '../../../../shared/contract/exports';
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
import { AUTO_CROSSTAB, CrosstabOptions, crosstabSpec, SheetChecklist, sheetBlocked, type CrosstabChoice } from './report-options';
import { SavedAnalyses } from './saved-analyses';
import { REPORT_NS } from './strings';
import { fileNameOf, placeToWrite } from './save-place';
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
  const saved = useQuery('pivots.list', {});
  const call = useCall('exports.report');
  const [sheets, setSheets] = useState<Set<ReportSheet>>(() => new Set(REPORT_SHEETS));
  const [lang, setLang] = useState<'zh' | 'en'>(i18n.language === 'en' ? 'en' : 'zh');
  const [crosstab, setCrosstab] = useState<CrosstabChoice>(AUTO_CROSSTAB);
  const [compareWith, setCompareWith] = useState('');
  const [charts, setCharts] = useState<ReportChartMode>('native');
  // Saved analyses start checked when they were made on the segmented dataset (the engine's default).
  const [analyses, setAnalyses] = useState<Set<string> | null>(null);
  const chosenAnalyses = analyses ?? new Set((saved.data ?? []).filter((p) => p.datasetId === seg.datasetId).map((p) => p.id));
  const [path, setPath] = useState('');
  const [done, setDone] = useState<ReportResult | null>(null);
  const defaultPath = useMemo(() => besideProject(project.data?.path, `${seg.name}-${lang === 'zh' ? '客群报告' : 'report'}.xlsx`), [project.data?.path, seg.name, lang]);
  // Follow the default until the user types a path of their own.
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (!edited) setPath(defaultPath);
  }, [defaultPath, edited]);

  const bridge = desktopBridge();
  /** Desktop: the path the native Save dialog returned (the engine writes nowhere else). */
  const [chosen, setChosen] = useState<string | null>(null);
  const choosePlace = async (): Promise<void> => {
    const picked = await bridge?.saveReportDialog({ defaultName: fileNameOf(path || defaultPath) || 'report.xlsx', format: 'xlsx' });
    if (picked) {
      setPath(picked);
      setChosen(picked);
      setEdited(true);
    }
  };
  const wanted = REPORT_SHEETS.filter((s) => sheets.has(s) && !sheetBlocked(s, compareWith));
  const write = async (): Promise<void> => {
    setDone(null);
    const target = await placeToWrite(path, chosen, 'xlsx');
    if (!target) return;
    if (target !== path) {
      setPath(target);
      setChosen(target);
      setEdited(true);
    }
    const spec = crosstabSpec(crosstab);
    const r = await call.run({
      segmentationId: seg.id,
      path: target,
      lang,
      sheets: wanted,
      charts,
      analyses: (saved.data ?? []).filter((p) => chosenAnalyses.has(p.id)).map((p) => p.id),
      ...(spec ? { crosstab: spec } : {}),
      ...(compareWith ? { compareWith } : {}),
    });
    if (r) setDone(r);
  };

  return (
    <>
      <SheetChecklist chosen={sheets} onChange={setSheets} compareWith={compareWith} />
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
            {all.filter((s) => s.id !== seg.id).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="k-field">
          <span className="k-field__label">{t('chartMode')}</span>
          <select data-testid="report-charts" value={charts} onChange={(e) => setCharts(e.target.value === 'images' ? 'images' : 'native')}>
            <option value="native">{t('chartNative')}</option>
            <option value="images">{t('chartImages')}</option>
          </select>
        </label>
      </div>
      {datasets.data ? <CrosstabOptions seg={seg} datasets={datasets.data} value={crosstab} onChange={setCrosstab} /> : null}
      {saved.data && datasets.data ? <SavedAnalyses saved={saved.data} datasets={datasets.data} chosen={chosenAnalyses} onChange={setAnalyses} /> : null}
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
          <WrittenFile path={done.path} message={`${t('written', { path: done.path })} · ${t('writtenSheets', { sheets: done.sheets.join(lang === 'zh' ? '、' : ', ') })}`} />
          {done.choices.length > 0 ? (
            <ul className="k-report__hint" data-testid="report-choices">
              {done.choices.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          ) : null}
          <div className="k-report__hint" data-testid="report-fonts">
            {done.charts > 0 ? t('nativeCharts', { n: done.charts }) : done.fonts.cjkAvailable ? t('fonts', { family: done.fonts.family }) : t('noCjkFont')}
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
