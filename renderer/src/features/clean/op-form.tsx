import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { ChangeTypeFields } from './change-type-fields';
import { isDestructive, isMultiColumn, OPS, withOp, type OpDraft, type OpName } from './op-draft';
import { KeywordRulesField } from './shaping-fields';
import { MergeFields, SplitFields } from './shaping-forms';
import { CLEAN_NS } from './strings';

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
  const multi = isMultiColumn(draft.op);
  const toggle = (name: string): void =>
    set('columns', draft.columns.includes(name) ? draft.columns.filter((c) => c !== name) : [...draft.columns, name]);
  const chooser = (
    <label className="k-field">
      <span className="k-field__label">{t('operation')}</span>
      <select className="k-input" value={draft.op ?? ''} onChange={(e) => onChange(withOp(draft, e.target.value as OpName, columns))} data-testid="clean-op">
        <option value="" disabled>
          {t('chooseOperation')}
        </option>
        {OPS.map((op) => (
          <option key={op} value={op}>
            {t(`op.${op}`)}
          </option>
        ))}
      </select>
    </label>
  );
  if (draft.op === null) {
    return (
      <div className="k-form" data-testid="clean-form">
        {chooser}
      </div>
    );
  }
  const partialKeys = draft.op === 'dedupe' && draft.columns.length > 0 && draft.columns.length < columns.length;

  return (
    <div className="k-form" data-testid="clean-form">
      {chooser}
      {isDestructive(draft) ? (
        <p className="k-clean__warn" data-testid="clean-destructive">
          {t('destructiveHint')}
        </p>
      ) : null}
      {draft.op === 'formula' || draft.op === 'merge' ? null : multi ? (
        <fieldset className="k-field k-clean__columns" data-testid="clean-columns">
          <legend className="k-field__label">{draft.op === 'dedupe' ? t('keys') : t('columns')}</legend>
          {draft.op === 'dedupe' ? (
            <span className={partialKeys ? 'k-clean__warn' : 'k-field__hint'} data-testid="clean-keys-hint">
              {partialKeys ? t('dedupePartialKeys') : t('dedupeAllKeys')}
            </span>
          ) : null}
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
