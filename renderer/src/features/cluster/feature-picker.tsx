import { useTranslation } from 'react-i18next';
import type { ClusterTransform } from '../../../../shared/contract/cluster';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { CLUSTER_NS } from './strings';

export interface FeatureChoice {
  column: string;
  include: boolean;
  /** A chain key such as 'log1p,zscore'; text columns are one-hot encoded. */
  chain: string;
}

export const CHAINS = ['zscore', 'log1p,zscore', 'minmax', 'robust', 'log1p', 'none'] as const;

export function chainOf(choice: FeatureChoice): ClusterTransform[] {
  return choice.chain === 'none' ? [] : (choice.chain.split(',') as ClusterTransform[]);
}

/** Default picks: numeric columns on (money-like ones log-transformed), text columns off. */
export function defaultChoices(columns: ColumnInfo[]): FeatureChoice[] {
  return columns
    .filter((c) => c.type !== 'date' && c.type !== 'datetime')
    .map((c) => ({
      column: c.name,
      include: c.type !== 'text' && !/id$|编号|^id|客户|会员名|电话|phone/i.test(c.name),
      chain: c.type === 'currency' || /金额|消费|支付|amount|spend|monetary/i.test(c.name) ? 'log1p,zscore' : 'zscore',
    }));
}

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
