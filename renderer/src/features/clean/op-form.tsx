import { useTranslation } from 'react-i18next';
import type { CleanOperationIn, CleanOpName } from '../../../../shared/contract/clean';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { ChangeTypeFields, changeTypeOperation, initialChangeType, type ChangeTypeDraft } from './change-type-fields';
import { KeywordRulesField, type RuleDraft } from './shaping-fields';
import { initialShaping, MergeFields, shapingOperation, SplitFields, type ShapingDraft } from './shaping-forms';
import { CLEAN_NS } from './strings';

/** Everything the operation form edits; one object so switching operations keeps shared fields. */
export interface OpDraft extends ShapingDraft, ChangeTypeDraft {
  /** The operations the form offers (grid edits are recorded from the grid). */
  op: (typeof OPS)[number];
  columns: string[];
  column: string;
  keep: 'first' | 'last';
  trim: boolean;
  fullWidth: boolean;
  case: 'keep' | 'upper' | 'lower';
  find: string;
  replace: string;
  mode: 'exact' | 'contains' | 'regex';
  caseSensitive: boolean;
  missingAction: 'drop' | 'constant' | 'mean' | 'median' | 'mode' | 'previous';
  value: string;
  method: 'iqr' | 'zscore';
  threshold: string;
  outlierAction: 'flag' | 'cap' | 'remove';
  mapping: string;
  loose: boolean;
  rules: RuleDraft[];
  /** New column name (keyword categories, formula). */
  newName: string;
  otherLabel: string;
  /** Keyword rules match case as written (replace has its own, case-sensitive by default). */
  keywordCase: boolean;
  formula: string;
}

export const OPS = ['dedupe', 'text', 'replace', 'changeType', 'missing', 'outliers', 'mapValues', 'keywordCategory', 'formula', 'splitRows', 'merge'] as const satisfies readonly CleanOpName[];

export function initialDraft(columns: ColumnInfo[]): OpDraft {
  const first = columns[0]?.name ?? '';
  return {
    op: 'dedupe',
    columns: first ? [first] : [],
    column: first,
    keep: 'first',
    trim: true,
    fullWidth: true,
    case: 'keep',
    find: '',
    replace: '',
    mode: 'contains',
    caseSensitive: true,
    missingAction: 'drop',
    value: '',
    method: 'iqr',
    threshold: '',
    outlierAction: 'flag',
    mapping: '',
    loose: true,
    rules: [{ match: 'contains', pattern: '', category: '' }],
    newName: '',
    otherLabel: '其他',
    keywordCase: false,
    formula: '',
    ...initialShaping,
    ...initialChangeType,
  };
}

/** The contract's operation for a draft (the engine validates and explains what is wrong). */
export function toOperation(d: OpDraft): CleanOperationIn {
  switch (d.op) {
    case 'dedupe':
      return { op: 'dedupe', keys: d.columns, keep: d.keep };
    case 'text':
      return { op: 'text', columns: d.columns, trim: d.trim, fullWidth: d.fullWidth, case: d.case };
    case 'replace':
      return { op: 'replace', columns: d.columns, find: d.find, replace: d.replace, mode: d.mode, caseSensitive: d.caseSensitive };
    case 'changeType':
      return changeTypeOperation(d);
    case 'missing':
      return { op: 'missing', columns: d.columns, action: d.missingAction, ...(d.missingAction === 'constant' ? { value: d.value } : {}) };
    case 'outliers':
      return {
        op: 'outliers',
        column: d.column,
        method: d.method,
        action: d.outlierAction,
        ...(d.threshold.trim() !== '' && Number(d.threshold) > 0 ? { threshold: Number(d.threshold) } : {}),
      };
    case 'mapValues':
      return {
        op: 'mapValues',
        column: d.column,
        loose: d.loose,
        mapping: d.mapping
          .split('\n')
          .map((line) => line.split(/[=＝]/))
          .filter((parts) => parts.length >= 2 && parts[0]!.trim() !== '')
          .map(([from, ...to]) => ({ from: from!.trim(), to: to.join('=').trim() })),
      };
    case 'keywordCategory':
      return {
        op: 'keywordCategory',
        column: d.column,
        rules: d.rules.filter((r) => r.pattern !== '' || r.category !== ''),
        otherLabel: d.otherLabel.trim() || '其他',
        caseSensitive: d.keywordCase,
        ...(d.newName.trim() ? { name: d.newName.trim() } : {}),
      };
    case 'formula':
      return { op: 'formula', formula: d.formula, name: d.newName.trim() };
    case 'splitRows':
    case 'merge':
      return shapingOperation({ ...d, op: d.op });
  }
}

interface Props {
  draft: OpDraft;
  columns: ColumnInfo[];
  /** The dataset being cleaned (merge lists the others). */
  datasetId: string;
  onChange: (d: OpDraft) => void;
}

/** The fields of the chosen cleaning operation. */
export function OpForm({ draft, columns, datasetId, onChange }: Props) {
  const { t } = useTranslation(CLEAN_NS);
  const set = <K extends keyof OpDraft>(k: K, v: OpDraft[K]): void => onChange({ ...draft, [k]: v });
  const multi = draft.op === 'dedupe' || draft.op === 'text' || draft.op === 'replace' || draft.op === 'missing';
  const toggle = (name: string): void =>
    set('columns', draft.columns.includes(name) ? draft.columns.filter((c) => c !== name) : [...draft.columns, name]);

  return (
    <div className="k-form" data-testid="clean-form">
      <label className="k-field">
        <span className="k-field__label">{t('operation')}</span>
        <select className="k-input" value={draft.op} onChange={(e) => set('op', e.target.value as OpDraft['op'])} data-testid="clean-op">
          {OPS.map((op) => (
            <option key={op} value={op}>
              {t(`op.${op}`)}
            </option>
          ))}
        </select>
      </label>
      {draft.op === 'formula' || draft.op === 'merge' ? null : multi ? (
        <fieldset className="k-field k-clean__columns" data-testid="clean-columns">
          <legend className="k-field__label">{draft.op === 'dedupe' ? t('keys') : t('columns')}</legend>
          {columns.map((c) => (
            <label key={c.key} className="k-clean__check">
              <input type="checkbox" checked={draft.columns.includes(c.name)} onChange={() => toggle(c.name)} data-column={c.name} />
              {c.name}
            </label>
          ))}
        </fieldset>
      ) : (
        <label className="k-field">
          <span className="k-field__label">{t('column')}</span>
          <select className="k-input" value={draft.column} onChange={(e) => set('column', e.target.value)} data-testid="clean-column">
            {columns.map((c) => (
              <option key={c.key} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {draft.op === 'dedupe' ? (
        <label className="k-field">
          <span className="k-field__label">{t('keep')}</span>
          <select className="k-input" value={draft.keep} onChange={(e) => set('keep', e.target.value as 'first' | 'last')}>
            <option value="first">{t('keepFirst')}</option>
            <option value="last">{t('keepLast')}</option>
          </select>
        </label>
      ) : null}
      {draft.op === 'text' ? (
        <>
          <label className="k-clean__check">
            <input type="checkbox" checked={draft.trim} onChange={(e) => set('trim', e.target.checked)} />
            {t('trim')}
          </label>
          <label className="k-clean__check">
            <input type="checkbox" checked={draft.fullWidth} onChange={(e) => set('fullWidth', e.target.checked)} />
            {t('fullWidth')}
          </label>
          <label className="k-field">
            <span className="k-field__label">{t('case')}</span>
            <select className="k-input" value={draft.case} onChange={(e) => set('case', e.target.value as OpDraft['case'])}>
              <option value="keep">{t('caseKeep')}</option>
              <option value="upper">{t('caseUpper')}</option>
              <option value="lower">{t('caseLower')}</option>
            </select>
          </label>
        </>
      ) : null}
      {draft.op === 'replace' ? (
        <>
          <label className="k-field">
            <span className="k-field__label">{t('find')}</span>
            <input className="k-input" value={draft.find} onChange={(e) => set('find', e.target.value)} data-testid="clean-find" />
          </label>
          <label className="k-field">
            <span className="k-field__label">{t('replaceWith')}</span>
            <input className="k-input" value={draft.replace} onChange={(e) => set('replace', e.target.value)} data-testid="clean-replace" />
          </label>
          <label className="k-field">
            <span className="k-field__label">{t('mode')}</span>
            <select className="k-input" value={draft.mode} onChange={(e) => set('mode', e.target.value as OpDraft['mode'])} data-testid="clean-mode">
              <option value="exact">{t('modeExact')}</option>
              <option value="contains">{t('modeContains')}</option>
              <option value="regex">{t('modeRegex')}</option>
            </select>
          </label>
          {draft.mode === 'regex' ? (
            <span className="k-field__hint">{t('regexHint')}</span>
          ) : (
            <label className="k-clean__check">
              <input type="checkbox" checked={draft.caseSensitive} onChange={(e) => set('caseSensitive', e.target.checked)} />
              {t('caseSensitive')}
            </label>
          )}
        </>
      ) : null}
      {draft.op === 'changeType' ? <ChangeTypeFields draft={draft} datasetId={datasetId} patch={(p) => onChange({ ...draft, ...p })} /> : null}
      {draft.op === 'missing' ? (
        <>
          <label className="k-field">
            <span className="k-field__label">{t('action')}</span>
            <select
              className="k-input"
              value={draft.missingAction}
              onChange={(e) => set('missingAction', e.target.value as OpDraft['missingAction'])}
              data-testid="clean-missing-action"
            >
              {(['drop', 'constant', 'mean', 'median', 'mode', 'previous'] as const).map((a) => (
                <option key={a} value={a}>
                  {t(`missingActions.${a}`)}
                </option>
              ))}
            </select>
          </label>
          {draft.missingAction === 'constant' ? (
            <label className="k-field">
              <span className="k-field__label">{t('value')}</span>
              <input className="k-input" value={draft.value} onChange={(e) => set('value', e.target.value)} data-testid="clean-value" />
            </label>
          ) : null}
        </>
      ) : null}
      {draft.op === 'outliers' ? (
        <>
          <label className="k-field">
            <span className="k-field__label">{t('method')}</span>
            <select className="k-input" value={draft.method} onChange={(e) => set('method', e.target.value as OpDraft['method'])}>
              <option value="iqr">{t('methodIqr')}</option>
              <option value="zscore">{t('methodZ')}</option>
            </select>
          </label>
          <label className="k-field">
            <span className="k-field__label">{t('threshold')}</span>
            <input className="k-input" inputMode="decimal" value={draft.threshold} onChange={(e) => set('threshold', e.target.value)} />
          </label>
          <label className="k-field">
            <span className="k-field__label">{t('action')}</span>
            <select className="k-input" value={draft.outlierAction} onChange={(e) => set('outlierAction', e.target.value as OpDraft['outlierAction'])}>
              {(['flag', 'cap', 'remove'] as const).map((a) => (
                <option key={a} value={a}>
                  {t(`outlierActions.${a}`)}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : null}
      {draft.op === 'keywordCategory' ? (
        <>
          <KeywordRulesField rules={draft.rules} onChange={(rules) => set('rules', rules)} />
          <label className="k-clean__check">
            <input type="checkbox" checked={draft.keywordCase} onChange={(e) => set('keywordCase', e.target.checked)} />
            {t('caseSensitive')}
          </label>
          <label className="k-field">
            <span className="k-field__label">{t('otherLabel')}</span>
            <input className="k-input" value={draft.otherLabel} onChange={(e) => set('otherLabel', e.target.value)} data-testid="clean-other-label" />
          </label>
          <label className="k-field">
            <span className="k-field__label">{t('newColumn')}</span>
            <input className="k-input" value={draft.newName} placeholder={t('newColumnDefault', { name: draft.column })} onChange={(e) => set('newName', e.target.value)} data-testid="clean-new-name" />
          </label>
        </>
      ) : null}
      {draft.op === 'formula' ? (
        <>
          <label className="k-field">
            <span className="k-field__label">{t('formula')}</span>
            <textarea className="k-input k-clean__mapping" rows={3} value={draft.formula} onChange={(e) => set('formula', e.target.value)} data-testid="clean-formula" />
          </label>
          <span className="k-field__hint">{t('formulaHint')}</span>
          <label className="k-field">
            <span className="k-field__label">{t('newColumn')}</span>
            <input className="k-input" value={draft.newName} onChange={(e) => set('newName', e.target.value)} data-testid="clean-new-name" />
          </label>
        </>
      ) : null}
      {draft.op === 'splitRows' ? <SplitFields draft={draft} patch={(p) => onChange({ ...draft, ...p })} /> : null}
      {draft.op === 'merge' ? <MergeFields draft={draft} columns={columns} datasetId={datasetId} patch={(p) => onChange({ ...draft, ...p })} /> : null}
      {draft.op === 'mapValues' ? (
        <>
          <label className="k-field">
            <span className="k-field__label">{t('mapping')}</span>
            <textarea
              className="k-input k-clean__mapping"
              rows={5}
              placeholder={t('mappingHint')}
              value={draft.mapping}
              onChange={(e) => set('mapping', e.target.value)}
              data-testid="clean-mapping"
            />
          </label>
          <label className="k-clean__check">
            <input type="checkbox" checked={draft.loose} onChange={(e) => set('loose', e.target.checked)} />
            {t('loose')}
          </label>
        </>
      ) : null}
    </div>
  );
}
