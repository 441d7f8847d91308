import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import {
  DATE_FORMAT_CODES,
  FIXED_DECIMALS,
  formatApplies,
  formatByCode,
  isDateCode,
  MAX_FORMAT_DECIMALS,
  numberFormatCode,
  numberStyleOf,
  type NumberStyle,
} from '../../../../shared/format/column-format';
import { useEngine } from '../../app/engine-context';
import { toKequnError } from '../../app/use-call';
import { Dialog } from '../../components/dialog';
import { GRID_NS } from './strings';

const STYLES: NumberStyle[] = ['number', 'thousands', 'currency', 'percent', 'wan', 'yi'];
const SAMPLE_NUMBER = 1234567.891;
const SAMPLE_RATIO = 0.1234;
const SAMPLE_DATE = Date.UTC(2024, 2, 5, 9, 7, 3);

/**
 * 设置单元格格式 for one column: the usual styles (千分位, decimals, ¥, %, 万, 亿) or a date
 * layout, stored as an Excel code with the dataset so the grid, exports and reports agree.
 */
export function FormatDialog({ datasetId, col, onClose }: { datasetId: string; col: ColumnInfo; onClose: () => void }) {
  const { t } = useTranslation(GRID_NS);
  const client = useEngine();
  const dates = col.type === 'date' || col.type === 'datetime';
  const current = formatApplies(col.type, col.format) ? col.format : null;
  const parsed = current && !dates ? numberStyleOf(current) : null;
  const [style, setStyle] = useState<NumberStyle | 'default' | 'custom'>(current === null ? 'default' : parsed ? parsed.style : 'custom');
  const [decimals, setDecimals] = useState(parsed?.decimals ?? 2);
  const [custom, setCustom] = useState(current ?? (dates ? DATE_FORMAT_CODES[0] : '#,##0.00'));
  const [error, setError] = useState<string | null>(null);
  const code = style === 'default' ? null : style === 'custom' ? custom : numberFormatCode(style, decimals);
  const sample = col.type === 'percent' ? SAMPLE_RATIO : dates ? SAMPLE_DATE : SAMPLE_NUMBER;
  const valid = code === null || formatApplies(col.type, code);
  const preview = code === null ? t('format.defaultPreview') : valid ? formatByCode(sample, code) : t('format.invalid');

  const save = async (): Promise<void> => {
    try {
      await client.call('datasets.setColumnFormat', { datasetId, column: col.key, format: code });
      onClose();
    } catch (e) {
      setError(toKequnError(e).messageZh);
    }
  };

  return (
    <Dialog
      open
      title={`${t('format.title')} · ${col.name}`}
      onClose={onClose}
      testId="format-dialog"
      footer={
        <>
          <button type="button" className="k-btn k-btn--primary" data-testid="format-save" disabled={!valid} onClick={() => void save()}>
            {t('format.save')}
          </button>
          <button type="button" className="k-btn" onClick={onClose}>
            {t('menu.cancel')}
          </button>
        </>
      }
    >
      <div className="k-format-dialog">
        <label>
          {t('format.style')}
          <select className="k-input" data-testid="format-style" value={style} onChange={(e) => setStyle(e.target.value as typeof style)}>
            <option value="default">{t('format.default')}</option>
            {dates
              ? null
              : STYLES.map((s) => (
                  <option key={s} value={s}>
                    {t(`format.styles.${s}`)}
                  </option>
                ))}
            <option value="custom">{t(dates ? 'format.dateLayout' : 'format.custom')}</option>
          </select>
        </label>
        {style !== 'default' && style !== 'custom' && FIXED_DECIMALS[style] === undefined ? (
          <label>
            {t('format.decimals')}
            <input className="k-input" type="number" min={0} max={MAX_FORMAT_DECIMALS} data-testid="format-decimals" value={decimals} onChange={(e) => setDecimals(Number(e.target.value))} />
          </label>
        ) : null}
        {style === 'custom' ? (
          <label>
            {t('format.code')}
            <input className="k-input" data-testid="format-code" list={dates ? 'k-date-codes' : undefined} value={custom} onChange={(e) => setCustom(e.target.value)} />
            {dates ? (
              <datalist id="k-date-codes">
                {DATE_FORMAT_CODES.filter(isDateCode).map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            ) : null}
          </label>
        ) : null}
        <div data-testid="format-preview">
          {t('format.preview')}：{preview}
        </div>
        <div className="k-muted">{t('format.note')}</div>
        {error ? <div className="k-error">{error}</div> : null}
      </div>
    </Dialog>
  );
}
