import { useTranslation } from 'react-i18next';
import type { SegmentTemplate } from '../../../../shared/contract/segment';
import { currentLocale } from '../../i18n/index';
import type { BuilderForm } from './builder-form';
import { SEGMENT_NS } from './strings';

interface FieldsProps {
  form: BuilderForm;
  columns: string[];
  templates: SegmentTemplate[];
  patch: (p: Partial<BuilderForm>) => void;
}

function ColumnSelect({
  label,
  value,
  columns,
  onChange,
  testId,
  noneLabel,
}: {
  label: string;
  value: string;
  columns: string[];
  onChange: (v: string) => void;
  testId: string;
  /** Offers an empty choice with this text (optional columns). */
  noneLabel?: string;
}) {
  return (
    <label className="k-field">
      <span className="k-field__label">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {noneLabel !== undefined ? <option value="">{noneLabel}</option> : null}
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}

function NumberField({ label, value, onChange, testId, step = 1 }: { label: string; value: number; onChange: (v: number) => void; testId: string; step?: number }) {
  return (
    <label className="k-field">
      <span className="k-field__label">{label}</span>
      <input type="number" value={value} step={step} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId} />
    </label>
  );
}

/** The options of the chosen method. */
export function BuilderFields({ form, columns, templates, patch }: FieldsProps) {
  const { t } = useTranslation(SEGMENT_NS);
  const zh = currentLocale() === 'zh-CN';
  switch (form.method) {
    case 'rfm8':
      return (
        <>
          <ColumnSelect label={t('columnR')} value={form.r} columns={columns} onChange={(r) => patch({ r })} testId="segment-col-r" />
          <ColumnSelect label={t('columnF')} value={form.f} columns={columns} onChange={(f) => patch({ f })} testId="segment-col-f" />
          <ColumnSelect label={t('columnM')} value={form.m} columns={columns} onChange={(m) => patch({ m })} testId="segment-col-m" />
          <label className="k-field">
            <span className="k-field__label">{t('threshold')}</span>
            <select value={form.threshold} onChange={(e) => patch({ threshold: e.target.value as BuilderForm['threshold'] })} data-testid="segment-threshold">
              {(['mean', 'median', 'score'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`thresholds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {form.threshold === 'score' ? (
            <>
              <NumberField label={t('scoreThreshold')} value={form.scoreThreshold} onChange={(scoreThreshold) => patch({ scoreThreshold })} testId="segment-score" />
              {(['cutsR', 'cutsF', 'cutsM'] as const).map((k) => (
                <label className="k-field" key={k} title={t('cutsHint')}>
                  <span className="k-field__label">{t(k)}</span>
                  <input value={form[k]} placeholder={t('cutsPlaceholder')} onChange={(e) => patch({ [k]: e.target.value })} data-testid={`segment-${k}`} />
                </label>
              ))}
            </>
          ) : null}
        </>
      );
    case 'pareto':
      return (
        <>
          <ColumnSelect label={t('valueColumn')} value={form.valueColumn} columns={columns} onChange={(valueColumn) => patch({ valueColumn })} testId="segment-value-col" />
          <label className="k-field">
            <span className="k-field__label">{t('shares')}</span>
            <input value={form.shares} onChange={(e) => patch({ shares: e.target.value })} data-testid="segment-shares" />
          </label>
          <label className="k-field">
            <span className="k-field__label">{t('labels')}</span>
            <input value={form.labels} onChange={(e) => patch({ labels: e.target.value })} data-testid="segment-labels" />
          </label>
        </>
      );
    case 'lifecycle':
      return (
        <>
          <ColumnSelect label={t('columnR')} value={form.r} columns={columns} onChange={(r) => patch({ r })} testId="segment-col-r" />
          <ColumnSelect label={t('columnF')} value={form.f} columns={columns} onChange={(f) => patch({ f })} testId="segment-col-f" />
          <NumberField label={t('newDays')} value={form.newDays} onChange={(newDays) => patch({ newDays })} testId="segment-new-days" />
          <NumberField label={t('decliningDays')} value={form.decliningDays} onChange={(decliningDays) => patch({ decliningDays })} testId="segment-declining-days" />
          <NumberField label={t('churnDays')} value={form.churnDays} onChange={(churnDays) => patch({ churnDays })} testId="segment-churn-days" />
          <NumberField label={t('declineRatio')} value={form.declineRatio} step={0.05} onChange={(declineRatio) => patch({ declineRatio })} testId="segment-decline-ratio" />
          <ColumnSelect label={t('previousColumn')} value={form.previousColumn} columns={columns} noneLabel={t('noColumn')} onChange={(previousColumn) => patch({ previousColumn })} testId="segment-previous-col" />
          <ColumnSelect label={t('recentColumn')} value={form.recentColumn} columns={columns} noneLabel={t('noColumn')} onChange={(recentColumn) => patch({ recentColumn })} testId="segment-recent-col" />
        </>
      );
    case 'rules':
      return (
        <label className="k-field k-segment__scheme">
          <span className="k-field__label">{t('scheme')}</span>
          <textarea rows={12} value={form.scheme} onChange={(e) => patch({ scheme: e.target.value })} spellCheck={false} data-testid="segment-scheme" />
        </label>
      );
    case 'template':
      return (
        <label className="k-field">
          <span className="k-field__label">{t('template')}</span>
          <select value={form.templateId} onChange={(e) => patch({ templateId: e.target.value })} data-testid="segment-template">
            {templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id} title={zh ? tpl.description.zh : tpl.description.en}>
                {zh ? tpl.name.zh : tpl.name.en}
              </option>
            ))}
          </select>
        </label>
      );
  }
}
