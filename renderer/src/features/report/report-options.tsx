import { useTranslation } from 'react-i18next';
import type { DatasetInfo } from '../../../../shared/contract/datasets';
import { REPORT_SHEETS, type ReportSheet } from '../../../../shared/contract/exports';
import type { SegmentationInfo } from '../../../../shared/contract/segmentations';
import { REPORT_NS } from './strings';

export interface CrosstabChoice {
  /** Category column key ('' = no cross-tab). */
  column: string;
  /** Dataset holding the category ('' = the segmented dataset itself). */
  factsId: string;
  /** Customer key in the segmented dataset and in the facts dataset. */
  rowsKey: string;
  factsKey: string;
}

export const NO_CROSSTAB: CrosstabChoice = { column: '', factsId: '', rowsKey: '', factsKey: '' };

/** Sheets that need a choice first: the cross-tab needs a column, the migration another segmentation. */
export function sheetBlocked(sheet: ReportSheet, crosstab: CrosstabChoice, compareWith: string): boolean {
  return (sheet === 'crosstab' && crosstab.column === '') || (sheet === 'migration' && compareWith === '');
}

export function SheetChecklist({ chosen, onChange, crosstab, compareWith }: { chosen: ReadonlySet<ReportSheet>; onChange: (next: Set<ReportSheet>) => void; crosstab: CrosstabChoice; compareWith: string }) {
  const { t } = useTranslation(REPORT_NS);
  return (
    <fieldset data-testid="report-sheets">
      <legend>{t('sheets')}</legend>
      <div className="k-report__sheets">
        {REPORT_SHEETS.map((sheet) => {
          const blocked = sheetBlocked(sheet, crosstab, compareWith);
          return (
            <label key={sheet} title={blocked ? t(sheet === 'crosstab' ? 'needsCrosstab' : 'needsCompare') : undefined}>
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

/** The optional preference cross-tab: a category column, in this dataset or a transactions dataset joined by a customer key. */
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
    onChange({ column: '', factsId, rowsKey: shared?.key ?? '', factsKey });
  };
  return (
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
          <option value="">{t('none_')}</option>
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
  );
}
