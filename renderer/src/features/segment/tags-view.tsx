import '../analysis-common/analysis.css';
import './segment.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagSet } from '../../../../shared/contract/segment-schemes';
import { useCall, useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { formatNumber } from '../../format';
import { CustomerList } from './customer-list';
import { SEGMENT_NS } from './strings';

const EXAMPLE: TagSet = {
  name: '价值标签',
  groups: [
    { group: '消费', rules: [{ tag: '高消费', when: [{ column: 'M', op: 'gte', value: 1000 }] }] },
    { group: '频次', rules: [{ tag: '复购', when: [{ column: 'F', op: 'gte', value: 2 }] }] },
  ],
};

/** Tags: non-exclusive labels per customer; apply a tag set, see counts, list who carries a tag. */
export function SegmentTagsView({ datasetId }: ViewProps) {
  const { t } = useTranslation(SEGMENT_NS);
  const id = datasetId ?? '';
  const [text, setText] = useState(JSON.stringify(EXAMPLE, null, 2));
  const [tag, setTag] = useState<string | null>(null);
  const tags = useQuery('segment.tags.list', { datasetId: id }, { enabled: datasetId !== null });
  const apply = useCall('segment.tags.apply');
  const customers = useQuery('segment.tags.customers', { datasetId: id, tag: tag ?? '-', limit: 200 }, { enabled: datasetId !== null && tag !== null });
  let parsed: TagSet | null = null;
  try {
    parsed = JSON.parse(text) as TagSet;
  } catch {
    parsed = null;
  }
  const onApply = async (): Promise<void> => {
    if (!parsed) return;
    if (await apply.run({ datasetId: id, tagSet: parsed })) tags.reload();
  };
  return (
    <div className="k-analysis k-segment" data-testid="segment-tags">
      <label className="k-field k-segment__scheme">
        <span className="k-field__label">{t('tagSet')}</span>
        <textarea rows={10} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-testid="tags-scheme" />
      </label>
      <div>
        <Button variant="primary" onClick={() => void onApply()} disabled={!parsed || apply.running} data-testid="tags-apply">
          {t('applyTags')}
        </Button>
      </div>
      <ErrorBanner error={tags.error ?? apply.error ?? customers.error} />
      <div className="k-table-wrap">
        <table className="k-table" data-testid="tags-table">
          <thead>
            <tr>
              <th>{t('tagSetName')}</th>
              <th>{t('tagGroup')}</th>
              <th>{t('tag')}</th>
              <th>{t('col.count')}</th>
            </tr>
          </thead>
          <tbody>
            {(tags.data ?? []).map((x) => (
              <tr key={`${x.tagSet}/${x.group}/${x.tag}`} data-testid="tag-row" data-tag={x.tag}>
                <td>{x.tagSet}</td>
                <td>{x.group}</td>
                <td>
                  <button type="button" className="k-button k-button--ghost k-button--small" onClick={() => setTag(x.tag)} data-testid="tag-open">
                    {x.tag}
                  </button>
                </td>
                <td data-testid="tag-count">{formatNumber(x.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {tag !== null && customers.data ? (
        <CustomerList heading={t('tagCustomers', { tag, n: formatNumber(customers.data.total) })} customers={customers.data.customers} testId="tag-customers" rowTestId="tag-customer" />
      ) : null}
    </div>
  );
}
