import { useTranslation } from 'react-i18next';
import type { CleanPreview } from '../../../../shared/contract/clean';
import type { CellValue } from '../../../../shared/contract/json';
import { formatNumber } from '../../format';
import { CategoryCounts } from './shaping-fields';
import { ShapingPreview } from './shaping-preview';
import { CLEAN_NS } from './strings';

const show = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : String(v));

/** Counts and the before/after of the first affected rows. */
export function PreviewTable({ preview }: { preview: CleanPreview }) {
  const { t } = useTranslation(CLEAN_NS);
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
      {preview.sample.length > 0 ? (
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
