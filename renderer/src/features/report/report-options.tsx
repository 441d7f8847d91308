import { useTranslation } from 'react-i18next';
import type { CrosstabMeasure } from '../../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../../shared/contract/datasets';
import { REPORT_SHEETS, type ReportCrosstabInput, type ReportSheet } from '../../../../shared/contract/exports';
import type { SegmentationInfo } from '../../../../shared/contract/segmentations';
import { REPORT_NS } from './strings';

export interface CrosstabChoice {
  /** Category column key ('' = let the report choose, and say what it chose). */
  column: string;
  /** Dataset holding the category ('' = the segmented dataset itself). */
  factsId: string;
  /** Customer key in the segmented dataset and in the facts dataset. */
  rowsKey: string;
  factsKey: string;
  measure: 'count' | 'customers';
  /** '' = every category; else the top N by total plus 其他. */
  top: string;
  minBase: string;
}

export const AUTO_CROSSTAB: CrosstabChoice = { column: '', factsId: '', rowsKey: '', factsKey: '', measure: 'customers', top: '10', minBase: '' };

/** The typed cross-tab spec the report gets (none: the report picks defaults and says which). */
export function crosstabSpec(c: CrosstabChoice): ReportCrosstabInput | null {
  if (c.column === '') return null;
  const measure: CrosstabMeasure = c.factsId && c.measure === 'customers' ? { kind: 'customers' } : { kind: 'count' };
  const base = Number(c.minBase);
  return {
    cols: { column: c.column },
    measure,
    ...(c.factsId ? { facts: { datasetId: c.factsId, key: c.factsKey, rowsKey: c.rowsKey } } : {}),
    ...(c.top !== '' ? { topCols: Number(c.top) } : {}),
    ...(c.minBase !== '' && Number.isInteger(base) ? { minCellCount: base } : {}),
  };
}

/** Sheets that need a choice first: the comparison needs another segmentation. */
export function sheetBlocked(sheet: ReportSheet, compareWith: string): boolean {
  return sheet === 'migration' && compareWith === '';
}

export function SheetChecklist({ chosen, onChange, compareWith }: { chosen: ReadonlySet<ReportSheet>; onChange: (next: Set<ReportSheet>) => void; compareWith: string }) {
  const { t } = useTranslation(REPORT_NS);
  return (
    <fieldset data-testid="report-sheets">
      <legend>{t('sheets')}</legend>
      <div className="k-report__sheets">
        {REPORT_SHEETS.map((sheet) => {
          const blocked = sheetBlocked(sheet, compareWith);
          return (
            <label key={sheet} title={blocked ? t('needsCompare') : undefined}>
              <input
                type="checkbox"
                data-testid="report-sheet"
                data-sheet={sheet}
                disabled={blocked}
                checked={chosen.has(sheet) && !blocked}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(sheet);
                  else next.delete(sheet);
                  onChange(next);
                }}
              />{' '}
              {t(`sheet.${sheet}`)}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * The segmentation's preference cross-tab: a category column, in this dataset or in the orders
 * joined by a customer key, the measure, the top N and the minimum base. No column: the report
 * picks the category column of the source orders by itself and says which in the report.
 */
export function CrosstabOptions({ seg, datasets, value, onChange }: { seg: SegmentationInfo; datasets: DatasetInfo[]; value: CrosstabChoice; onChange: (v: CrosstabChoice) => void }) {
  const { t } = useTranslation(REPORT_NS);
  const segDs = datasets.find((d) => d.id === seg.datasetId);
  const facts = datasets.find((d) => d.id === value.factsId);
  const source = facts ?? segDs;
  const pickFacts = (factsId: string): void => {
    const f = datasets.find((d) => d.id === factsId);
    // Join on the first column name both datasets share (客户编号 ↔ 客户编号); the user can change it.
    const shared = f && segDs ? segDs.columns.find((c) => f.columns.some((x) => x.name === c.name)) : undefined;
    const factsKey = shared && f ? (f.columns.find((x) => x.name === shared.name)?.key ?? '') : '';
    onChange({ ...value, column: '', factsId, rowsKey: shared?.key ?? '', factsKey });
  };
  return (
    <fieldset data-testid="report-crosstab">
      <legend>{t('crosstabTitle')}</legend>
      <div className="k-report__row">
        <label className="k-field">
          <span className="k-field__label">{t('factsDataset')}</span>
          <select data-testid="report-facts" value={value.factsId} onChange={(e) => pickFacts(e.target.value)}>
            <option value="">{t('sameDataset')}</option>
            {datasets.filter((d) => d.id !== seg.datasetId).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="k-field">
          <span className="k-field__label">{t('crosstabColumn')}</span>
          <select data-testid="report-crosstab-column" value={value.column} onChange={(e) => onChange({ ...value, column: e.target.value })}>
            <option value="">{t('autoColumn')}</option>
            {(source?.columns ?? []).filter((c) => c.key !== seg.columnKey && (c.type === 'text' || c.type === 'boolean' || c.type === 'integer')).map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {facts && segDs ? (
          <label className="k-field">
            <span className="k-field__label">{t('joinKey')}</span>
            <select
              data-testid="report-join"
              value={value.rowsKey}
              onChange={(e) => {
                const name = segDs.columns.find((c) => c.key === e.target.value)?.name;
                onChange({ ...value, rowsKey: e.target.value, factsKey: facts.columns.find((c) => c.name === name)?.key ?? value.factsKey });
              }}
            >
              {segDs.columns.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {value.column !== '' ? (
        <div className="k-report__row">
          {facts ? (
            <label className="k-field">
              <span className="k-field__label">{t('measure')}</span>
              <select data-testid="report-measure" value={value.measure} onChange={(e) => onChange({ ...value, measure: e.target.value === 'count' ? 'count' : 'customers' })}>
                <option value="customers">{t('measureCustomers')}</option>
                <option value="count">{t('measureOrders')}</option>
              </select>
            </label>
          ) : null}
          <label className="k-field">
            <span className="k-field__label">{t('top')}</span>
            <select data-testid="report-top" value={value.top} onChange={(e) => onChange({ ...value, top: e.target.value })}>
              <option value="">{t('topAll')}</option>
              {[5, 10, 15, 20].map((n) => (
                <option key={n} value={String(n)}>
                  {t('topN', { n })}
                </option>
              ))}
            </select>
          </label>
          <label className="k-field" title={t('minBaseHint')}>
            <span className="k-field__label">{t('minBase')}</span>
            <input type="text" inputMode="numeric" size={5} placeholder="10" data-testid="report-min-base" value={value.minBase} onChange={(e) => onChange({ ...value, minBase: e.target.value.replace(/[^0-9]/g, '') })} />
          </label>
        </div>
      ) : (
        <p className="k-report__hint">{t('autoHint')}</p>
      )}
    </fieldset>
  );
}
