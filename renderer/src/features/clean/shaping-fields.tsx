import { useTranslation } from 'react-i18next';
import { KEYWORD_MATCHES, type KeywordMatch } from '../../../../shared/contract/clean';
import { Button } from '../../components/index';
import type { RuleDraft } from './op-draft';
import { CLEAN_NS } from './strings';

/** The keyword → category rule table: one row per rule, first match wins. */
export function KeywordRulesField({ rules, onChange }: { rules: RuleDraft[]; onChange: (rules: RuleDraft[]) => void }) {
  const { t } = useTranslation(CLEAN_NS);
  const set = (i: number, patch: Partial<RuleDraft>): void => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="k-field" data-testid="clean-rules">
      <legend className="k-field__label">{t('rules')}</legend>
      <table className="k-clean__table">
        <thead>
          <tr>
            <th />
            <th>{t('rulePattern')}</th>
            <th>{t('ruleCategory')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={i} data-testid="clean-rule">
              <td>
                <select className="k-input" value={r.match} onChange={(e) => set(i, { match: e.target.value as KeywordMatch })} data-testid="clean-rule-match">
                  {KEYWORD_MATCHES.map((m) => (
                    <option key={m} value={m}>
                      {t(`ruleMatch.${m}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input className="k-input" value={r.pattern} onChange={(e) => set(i, { pattern: e.target.value })} data-testid="clean-rule-pattern" />
              </td>
              <td>
                <input className="k-input" value={r.category} onChange={(e) => set(i, { category: e.target.value })} data-testid="clean-rule-category" />
              </td>
              <td>
                <Button size="small" variant="ghost" onClick={() => onChange(rules.filter((_, j) => j !== i))}>
                  {t('removeRule')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button size="small" onClick={() => onChange([...rules, { match: 'contains', pattern: '', category: '' }])} data-testid="clean-rule-add">
        {t('addRule')}
      </Button>
      <span className="k-field__hint">{t('keywordHint')}</span>
    </fieldset>
  );
}

/** Rows per category of a keyword preview, with example cells: what the rules make of the data. */
export function CategoryCounts({ categories }: { categories: { category: string; rows: number; examples: string[] }[] }) {
  const { t } = useTranslation(CLEAN_NS);
  return (
    <table className="k-clean__table" data-testid="clean-categories">
      <caption>{t('categories')}</caption>
      <thead>
        <tr>
          <th>{t('category')}</th>
          <th>{t('rows')}</th>
          <th>{t('examples')}</th>
        </tr>
      </thead>
      <tbody>
        {categories.map((c) => (
          <tr key={c.category} data-testid="clean-category" data-category={c.category} data-rows={c.rows}>
            <td>{c.category}</td>
            <td className="k-num">{c.rows}</td>
            <td>{c.examples.join(' ｜ ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
