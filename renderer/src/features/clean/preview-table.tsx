import { useTranslation } from 'react-i18next';
import type { CleanPreview } from '../../../../shared/contract/clean';
import type { CellValue } from '../../../../shared/contract/json';
import { Button } from '../../components/index';
import { formatNumber } from '../../format';
import { CategoryCounts } from './shaping-fields';
import { ShapingPreview } from './shaping-preview';
import { CLEAN_NS } from './strings';

const show = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : String(v));

interface Props {
  preview: CleanPreview;
  pageSize: number;
  busy: boolean;
  /** Shows the affected rows from this position on. */
  onPage: (offset: number) => void;
}

/** Counts and the before/after of the affected rows; a removal lists every row it takes, page by page. */
export function PreviewTable({ preview, pageSize, busy, onPage }: Props) {
  const { t } = useTranslation(CLEAN_NS);
  const removal = preview.removedRows > 0;
  return (
    <div data-testid="clean-preview" data-affected={preview.affectedRows} data-removed={preview.removedRows}>
      <p className="k-clean__summary" data-testid="clean-preview-summary">
        {t('previewSummary', { affected: formatNumber(preview.affectedRows), total: formatNumber(preview.totalRows) })}
        {preview.removedRows > 0 ? t('previewRemoved', { removed: formatNumber(preview.removedRows) }) : ''}
      </p>
      {preview.report.failedCells ? <p className="k-clean__warn">{t('failedCells', { count: preview.report.failedCells })}</p> : null}
      {typeof preview.report.figures?.dateOrder === 'string' ? (
        <p className={preview.report.figures.dateOrderAmbiguous ? 'k-clean__warn' : 'k-clean__summary'} data-testid="clean-date-order">
          {t('dateOrderRead', { count: Number(preview.report.figures.dayMonthCells ?? 0), order: t(`dateOrder_${preview.report.figures.dateOrder}`) })}
          {preview.report.figures.dateOrderAmbiguous ? ` ${t('dateOrderAmbiguous')}` : ''}
        </p>
      ) : null}
      {preview.report.categories ? <CategoryCounts categories={preview.report.categories} /> : null}
      <ShapingPreview preview={preview} />
      {removal ? <RemovedRows preview={preview} pageSize={pageSize} busy={busy} onPage={onPage} /> : null}
      {!removal && preview.sample.length > 0 ? (
        <table className="k-clean__table">
          <thead>
            <tr>
              <th>{t('row')}</th>
              {preview.columns.map((c) => (
                <th key={c} colSpan={2}>
                  {c}
                </th>
              ))}
            </tr>
            <tr>
              <th />
              {preview.columns.map((c) => [<th key={`${c}-b`}>{t('before')}</th>, <th key={`${c}-a`}>{t('after')}</th>])}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((s) => (
              <tr key={s.row} data-testid="clean-preview-row" className={s.after === null ? 'is-removed' : ''}>
                <td>{s.row}</td>
                {preview.columns.map((c) => [
                  <td key={`${c}-b`}>{show(s.before[c])}</td>,
                  <td key={`${c}-a`} className="k-clean__after">
                    {s.after === null ? t('removed') : show(s.after[c])}
                  </td>,
                ])}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** The rows a step removes, whole, each with the kept row it repeats (dedupe). */
function RemovedRows({ preview, pageSize, busy, onPage }: Props) {
  const { t } = useTranslation(CLEAN_NS);
  const from = preview.sampleOffset;
  const to = from + preview.sample.length;
  const dedupe = preview.sample.some((s) => s.duplicateOf !== undefined);
  return (
    <>
      <div className="k-row" data-testid="clean-removed-pager" data-from={from + 1} data-to={to} data-total={preview.removedRows}>
        <span className="k-clean__summary">{t('removedPage', { from: formatNumber(from + 1), to: formatNumber(to), total: formatNumber(preview.removedRows) })}</span>
        <Button size="small" variant="ghost" disabled={busy || from === 0} onClick={() => onPage(Math.max(0, from - pageSize))} data-testid="clean-page-prev">
          {t('pagePrev')}
        </Button>
        <Button size="small" variant="ghost" disabled={busy || to >= preview.removedRows} onClick={() => onPage(to)} data-testid="clean-page-next">
          {t('pageNext')}
        </Button>
      </div>
      <table className="k-clean__table">
        <thead>
          <tr>
            <th>{t('row')}</th>
            {dedupe ? <th>{t('duplicateOf')}</th> : null}
            {preview.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.sample.map((s) => (
            <tr key={s.row} data-testid="clean-preview-row" data-row={s.row} data-duplicate-of={s.duplicateOf ?? ''} className="is-removed">
              <td>{s.row}</td>
              {dedupe ? <td>{s.duplicateOf !== undefined ? t('duplicateOfRow', { row: s.duplicateOf }) : ''}</td> : null}
              {preview.columns.map((c) => (
                <td key={c}>{show(s.before[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
