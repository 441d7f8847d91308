import { useTranslation } from 'react-i18next';
import type { CleanOperationIn } from '../../../../shared/contract/clean';
import { COLUMN_TYPES, type ColumnType } from '../../../../shared/contract/datasets';
import type { DateOrderChoice } from '../../../../shared/contract/import';
import { useQuery } from '../../app/use-call';
import { formatNumber } from '../../format';
import { CHANGE_TYPE_NS } from './change-type-strings';
import { CLEAN_NS } from './strings';

/** What the change-type form edits besides the column. */
export interface ChangeTypeDraft {
  type: ColumnType;
  /** Dates written 10/2/2017: the order to read them in ('auto' = what the column's cells prove). */
  dateOrder: DateOrderChoice;
}

export const initialChangeType: ChangeTypeDraft = { type: 'decimal', dateOrder: 'auto' };

const isDateType = (t: ColumnType): boolean => t === 'date' || t === 'datetime';

/** The contract's changeType operation; the order is sent only when the user chose one. */
export function changeTypeOperation(d: ChangeTypeDraft & { column: string }): CleanOperationIn {
  return { op: 'changeType', column: d.column, type: d.type, ...(isDateType(d.type) && d.dateOrder !== 'auto' ? { dateOrder: d.dateOrder } : {}) };
}

interface Props {
  draft: ChangeTypeDraft & { column: string };
  datasetId: string;
  patch: (p: Partial<ChangeTypeDraft>) => void;
}

/** The target type and, for dates, the day/month order with the column's evidence for each. */
export function ChangeTypeFields({ draft, datasetId, patch }: Props) {
  const { t } = useTranslation(CLEAN_NS);
  return (
    <>
      <label className="k-field">
        <span className="k-field__label">{t('type')}</span>
        <select className="k-input" value={draft.type} onChange={(e) => patch({ type: e.target.value as ColumnType })} data-testid="clean-type">
          {COLUMN_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`types.${ty}`)}
            </option>
          ))}
        </select>
      </label>
      {isDateType(draft.type) ? <DateOrderField draft={draft} datasetId={datasetId} patch={patch} /> : null}
    </>
  );
}

/**
 * The order selector. The evidence comes from the engine's own preview of the conversion (auto
 * order, no sample rows): cells only one order reads, cells both read, and the order auto picks.
 */
function DateOrderField({ draft, datasetId, patch }: Props) {
  const { t } = useTranslation(CHANGE_TYPE_NS);
  const evidence = useQuery('clean.preview', { datasetId, operation: { op: 'changeType', column: draft.column, type: draft.type }, sampleSize: 0 });
  // While the column or type changes, the last answer is for another column: show nothing of it.
  const ready = evidence.data !== undefined && !evidence.loading;
  const f = ready ? evidence.data?.report.figures : undefined;
  const cells = Number(f?.dayMonthCells ?? 0);
  const mdy = Number(f?.mdyOnlyCells ?? 0);
  const dmy = Number(f?.dmyOnlyCells ?? 0);
  const both = Number(f?.bothOrderCells ?? 0);
  const ambiguous = cells > 0 && mdy === 0 && dmy === 0;
  const auto = f?.dateOrder === 'dmy' ? 'dmy' : 'mdy';
  // Cells that only the other order reads: they fail under the chosen one.
  const chosen = draft.dateOrder === 'auto' ? auto : draft.dateOrder;
  const conflicting = chosen === 'mdy' ? dmy : mdy;
  return (
    <div className="k-field" data-testid="clean-date-order-field">
      <label className="k-field">
        <span className="k-field__label">{t('dateOrder')}</span>
        <select className="k-input" value={draft.dateOrder} onChange={(e) => patch({ dateOrder: e.target.value as DateOrderChoice })} data-testid="clean-date-order-select">
          {(['auto', 'mdy', 'dmy'] as const).map((o) => (
            <option key={o} value={o}>
              {t(`order.${o}`)}
            </option>
          ))}
        </select>
      </label>
      {!ready ? (
        <span className="k-field__hint">{evidence.loading ? t('loading') : null}</span>
      ) : cells === 0 ? (
        <span className="k-field__hint" data-testid="clean-date-order-evidence" data-cells="0">
          {t('none')}
        </span>
      ) : (
        <span className="k-field__hint" data-testid="clean-date-order-evidence" data-cells={cells} data-mdy={mdy} data-dmy={dmy} data-both={both} data-auto={auto} data-ambiguous={ambiguous ? 'true' : 'false'}>
          {t('evidence', { cells: formatNumber(cells), mdy: formatNumber(mdy), dmy: formatNumber(dmy), both: formatNumber(both) })}{' '}
          {draft.dateOrder === 'auto' && !ambiguous ? t('autoReads', { order: t(`order.${auto}`) }) : null}
        </span>
      )}
      {ready && ambiguous ? (
        <p className="k-clean__warn" data-testid="clean-date-order-ambiguous">
          {t('ambiguous')}
        </p>
      ) : null}
      {ready && conflicting > 0 ? (
        <p className="k-clean__warn" data-testid="clean-date-order-conflict" data-count={conflicting}>
          {t('conflict', { order: t(`order.${chosen}`), count: formatNumber(conflicting) })}
        </p>
      ) : null}
    </div>
  );
}
