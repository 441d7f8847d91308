import { useTranslation } from 'react-i18next';
import type { MergeJoin } from '../../../../shared/contract/clean-shaping';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { useQuery } from '../../app/use-call';
import { Button } from '../../components/index';
import type { KeyPairDraft, ShapingDraft } from './shaping-draft';
import { CLEAN_NS } from './strings';

interface FieldsProps<D> {
  draft: D;
  /** Changes several fields at once (choosing a dataset also picks its keys). */
  patch: (p: Partial<D>) => void;
}

type SplitDraft = ShapingDraft & { trim: boolean };

/** Delimiters, trimming, empty items and the optional item number. */
export function SplitFields({ draft, patch }: FieldsProps<SplitDraft>) {
  const { t } = useTranslation(CLEAN_NS);
  const set = <K extends keyof SplitDraft>(k: K, v: SplitDraft[K]): void => patch({ [k]: v } as Partial<SplitDraft>);
  return (
    <>
      <label className="k-field">
        <span className="k-field__label">{t('delimiters')}</span>
        <input className="k-input" value={draft.delimiters} onChange={(e) => set('delimiters', e.target.value)} data-testid="clean-delimiters" />
      </label>
      <span className="k-field__hint">{t('delimitersHint')}</span>
      <label className="k-clean__check">
        <input type="checkbox" checked={draft.trim} onChange={(e) => set('trim', e.target.checked)} />
        {t('splitTrim')}
      </label>
      <label className="k-clean__check">
        <input type="checkbox" checked={draft.dropEmpty} onChange={(e) => set('dropEmpty', e.target.checked)} />
        {t('dropEmpty')}
      </label>
      <label className="k-field">
        <span className="k-field__label">{t('itemNumber')}</span>
        <input className="k-input" value={draft.itemNumber} placeholder={t('itemNumberPlaceholder')} onChange={(e) => set('itemNumber', e.target.value)} data-testid="clean-item-number" />
      </label>
      <span className="k-field__hint">{t('splitHint')}</span>
    </>
  );
}

type MergeDraft = ShapingDraft & { trim: boolean };

/** Key pairs whose names match on both sides, else the first columns: a starting point. */
function defaultKeys(left: ColumnInfo[], right: ColumnInfo[]): KeyPairDraft[] {
  const same = left.find((c) => right.some((r) => r.name.trim() === c.name.trim()));
  if (same) return [{ left: same.name, right: right.find((r) => r.name.trim() === same.name.trim())!.name }];
  return [{ left: left[0]?.name ?? '', right: right[0]?.name ?? '' }];
}

/** The other dataset, key pairs, columns to bring, join kind and key options. */
export function MergeFields({ draft, patch, columns, datasetId }: FieldsProps<MergeDraft> & { columns: ColumnInfo[]; datasetId: string }) {
  const { t } = useTranslation(CLEAN_NS);
  const set = <K extends keyof MergeDraft>(k: K, v: MergeDraft[K]): void => patch({ [k]: v } as Partial<MergeDraft>);
  const list = useQuery('datasets.list', {});
  const others = (list.data ?? []).filter((d) => d.id !== datasetId);
  const other = others.find((d) => d.name === draft.mergeWith);
  const rightCols = other?.columns ?? [];
  const keyNames = new Set(draft.mergeKeys.map((k) => k.right));
  const bringable = rightCols.filter((c) => !keyNames.has(c.name));
  const chosen = draft.mergeColumns ?? bringable.map((c) => c.name);
  const pickDataset = (name: string): void => {
    const ds = others.find((d) => d.name === name);
    patch({ mergeWith: name, mergeColumns: null, ...(ds ? { mergeKeys: defaultKeys(columns, ds.columns) } : {}) });
  };
  const setKey = (i: number, patch: Partial<KeyPairDraft>): void => set('mergeKeys', draft.mergeKeys.map((k, j) => (j === i ? { ...k, ...patch } : k)));
  const toggle = (name: string): void => set('mergeColumns', chosen.includes(name) ? chosen.filter((c) => c !== name) : [...chosen, name]);
  return (
    <>
      <label className="k-field">
        <span className="k-field__label">{t('mergeWith')}</span>
        <select className="k-input" value={draft.mergeWith} onChange={(e) => pickDataset(e.target.value)} data-testid="clean-merge-with">
          <option value="">{t('mergeChoose')}</option>
          {others.map((d) => (
            <option key={d.id} value={d.name}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      {other ? (
        <>
          <fieldset className="k-field" data-testid="clean-merge-keys">
            <legend className="k-field__label">{t('mergeKeys')}</legend>
            {draft.mergeKeys.map((k, i) => (
              <div className="k-row" key={i} data-testid="clean-merge-key">
                <select className="k-input" value={k.left} onChange={(e) => setKey(i, { left: e.target.value })} data-testid="clean-merge-left">
                  {columns.map((c) => (
                    <option key={c.key} value={c.name}>
                      {c.name}
                    </option>
                  ))}
                </select>
                <span>=</span>
                <select className="k-input" value={k.right} onChange={(e) => setKey(i, { right: e.target.value })} data-testid="clean-merge-right">
                  {rightCols.map((c) => (
                    <option key={c.key} value={c.name}>
                      {c.name}
                    </option>
                  ))}
                </select>
                {draft.mergeKeys.length > 1 ? (
                  <Button size="small" variant="ghost" onClick={() => set('mergeKeys', draft.mergeKeys.filter((_, j) => j !== i))}>
                    {t('removeRule')}
                  </Button>
                ) : null}
              </div>
            ))}
            <Button size="small" onClick={() => set('mergeKeys', [...draft.mergeKeys, ...defaultKeys(columns, rightCols)])} data-testid="clean-merge-add-key">
              {t('mergeAddKey')}
            </Button>
          </fieldset>
          <fieldset className="k-field k-clean__columns" data-testid="clean-merge-columns">
            <legend className="k-field__label">{t('mergeColumns')}</legend>
            {bringable.map((c) => (
              <label key={c.key} className="k-clean__check">
                <input type="checkbox" checked={chosen.includes(c.name)} onChange={() => toggle(c.name)} data-column={c.name} />
                {c.name}
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
      <label className="k-field">
        <span className="k-field__label">{t('mergeJoin')}</span>
        <select className="k-input" value={draft.join} onChange={(e) => set('join', e.target.value as MergeJoin)} data-testid="clean-merge-join">
          <option value="left">{t('joinLeft')}</option>
          <option value="inner">{t('joinInner')}</option>
        </select>
      </label>
      <label className="k-clean__check">
        <input type="checkbox" checked={draft.trim} onChange={(e) => set('trim', e.target.checked)} />
        {t('mergeTrim')}
      </label>
      <label className="k-clean__check">
        <input type="checkbox" checked={draft.mergeIgnoreCase} onChange={(e) => set('mergeIgnoreCase', e.target.checked)} />
        {t('mergeIgnoreCase')}
      </label>
      <label className="k-clean__check">
        <input type="checkbox" checked={draft.firstMatch} onChange={(e) => set('firstMatch', e.target.checked)} data-testid="clean-merge-first" />
        {t('mergeFirstMatch')}
      </label>
      <label className="k-field">
        <span className="k-field__label">{t('mergeSuffix')}</span>
        <input className="k-input" value={draft.suffix} placeholder={`·${draft.mergeWith}`} onChange={(e) => set('suffix', e.target.value)} />
      </label>
      <span className="k-field__hint">{t('mergeHint')}</span>
    </>
  );
}
