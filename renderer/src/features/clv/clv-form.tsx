import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { CLV_UNITS, type ClvUnit } from '../../../../shared/contract/clv';
import { CLV_NS } from './strings';

export interface ClvForm {
  customer: string;
  date: string;
  amount: string;
  order: string;
  unit: ClvUnit;
  calibrationEnd: string;
  holdoutEnd: string;
  horizonMonths: number;
  /** Percent a month. */
  discountPct: number;
  /** Percent of spend. */
  marginPct: number;
  tiers: number;
  returns: 'exclude' | 'net';
}

/** Guesses a column by typical header words (Chinese shop exports, Online Retail, CDNOW-style 列1…). */
function guess(names: string[], words: RegExp, fallback = 0): string {
  return names.find((n) => words.test(n)) ?? names[fallback] ?? names[0] ?? '';
}

/** The form's starting values, guessed from the column names and types as the RFM view does. */
export function initialForm(columns: ColumnInfo[]): ClvForm {
  const names = columns.map((c) => c.name);
  const dates = columns.filter((c) => c.type === 'date' || c.type === 'datetime').map((c) => c.name);
  const numbers = columns.filter((c) => ['decimal', 'currency', 'integer'].includes(c.type)).map((c) => c.name);
  return {
    customer: guess(names, /客户|会员|买家|customer|姓名|name|id/i),
    date: guess(dates.length ? dates : names, /付款|下单|日期|时间|date/i),
    amount: guess(numbers.length ? numbers : names, /实付|实际支付|金额|amount|price|sales|value/i, numbers.length - 1),
    order: '',
    unit: 'day',
    calibrationEnd: '',
    holdoutEnd: '',
    horizonMonths: 12,
    discountPct: 1,
    marginPct: 100,
    tiers: 5,
    returns: 'exclude',
  };
}

/** The inputs of a fit: the RFM columns, the time unit, the periods and the value settings. */
export function ClvFormFields({ columns, form, onChange }: { columns: ColumnInfo[]; form: ClvForm; onChange: (f: ClvForm) => void }) {
  const { t } = useTranslation(CLV_NS);
  const set = (patch: Partial<ClvForm>): void => onChange({ ...form, ...patch });
  const num = (v: string, fallback: number): number => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback);
  const select = (key: 'customer' | 'date' | 'amount' | 'order', optional = false) => (
    <select className="k-input" value={form[key]} onChange={(e) => set({ [key]: e.target.value })} data-testid={`clv-${key}`}>
      {optional ? <option value="">{t('none')}</option> : null}
      {columns.map((c) => (
        <option key={c.key} value={c.name}>
          {c.name}
        </option>
      ))}
    </select>
  );
  const field = (label: string, control: React.ReactNode) => (
    <label className="k-field">
      <span className="k-field__label">{label}</span>
      {control}
    </label>
  );
  return (
    <div className="k-clv__form">
      {field(t('customer'), select('customer'))}
      {field(t('date'), select('date'))}
      {field(t('amount'), select('amount'))}
      {field(t('order'), select('order', true))}
      {field(
        t('unit'),
        <select className="k-input" value={form.unit} onChange={(e) => set({ unit: e.target.value as ClvUnit })} data-testid="clv-unit">
          {CLV_UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`units.${u}`)}
            </option>
          ))}
        </select>,
      )}
      {field(t('calibrationEnd'), <input className="k-input" type="date" value={form.calibrationEnd} onChange={(e) => set({ calibrationEnd: e.target.value })} data-testid="clv-calibration-end" />)}
      {field(t('holdoutEnd'), <input className="k-input" type="date" value={form.holdoutEnd} onChange={(e) => set({ holdoutEnd: e.target.value })} data-testid="clv-holdout-end" />)}
      {field(t('horizon'), <input className="k-input" type="number" min={1} max={120} value={form.horizonMonths} onChange={(e) => set({ horizonMonths: num(e.target.value, 12) })} data-testid="clv-horizon" />)}
      {field(t('discount'), <input className="k-input" type="number" min={0} max={100} step={0.1} value={form.discountPct} onChange={(e) => set({ discountPct: num(e.target.value, 1) })} data-testid="clv-discount" />)}
      {field(t('margin'), <input className="k-input" type="number" min={1} max={100} value={form.marginPct} onChange={(e) => set({ marginPct: num(e.target.value, 100) })} data-testid="clv-margin" />)}
      {field(t('tiers'), <input className="k-input" type="number" min={2} max={10} value={form.tiers} onChange={(e) => set({ tiers: num(e.target.value, 5) })} data-testid="clv-tiers" />)}
      {field(
        t('returns'),
        <select className="k-input" value={form.returns} onChange={(e) => set({ returns: e.target.value as 'exclude' | 'net' })}>
          <option value="exclude">{t('returnsExclude')}</option>
          <option value="net">{t('returnsNet')}</option>
        </select>,
      )}
    </div>
  );
}
