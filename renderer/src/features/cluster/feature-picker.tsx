import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import type { FeatureChoice } from './cluster-params';
import { CLUSTER_NS } from './strings';

export const CHAINS = ['zscore', 'log1p,zscore', 'minmax', 'robust', 'log1p', 'none'] as const;

export function FeaturePicker({ columns, choices, onChange }: { columns: ColumnInfo[]; choices: FeatureChoice[]; onChange: (next: FeatureChoice[]) => void }) {
  const { t } = useTranslation(CLUSTER_NS);
  const typeOf = (name: string): string => columns.find((c) => c.name === name)?.type ?? 'text';
  const update = (i: number, patch: Partial<FeatureChoice>): void => onChange(choices.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <table className="k-cluster__table" data-testid="cluster-features">
      <thead>
        <tr>
          <th>{t('include')}</th>
          <th>{t('column')}</th>
          <th>{t('transform')}</th>
        </tr>
      </thead>
      <tbody>
        {choices.map((c, i) => (
          <tr key={c.column} data-testid="cluster-feature" data-column={c.column}>
            <td>
              <input type="checkbox" checked={c.include} data-testid="cluster-feature-include" onChange={(e) => update(i, { include: e.target.checked })} />
            </td>
            <td>{c.column}</td>
            <td>
              {typeOf(c.column) === 'text' ? (
                <span>{t('transforms.onehot')}</span>
              ) : (
                <select value={c.chain} data-testid="cluster-feature-transform" onChange={(e) => update(i, { chain: e.target.value })}>
                  {CHAINS.map((k) => (
                    <option key={k} value={k}>
                      {t(`transforms.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
