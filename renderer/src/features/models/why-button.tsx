import { useTranslation } from 'react-i18next';
import { useQuery } from '../../app/use-call';
import { useWorkspace } from '../../app/workspace';
import { MODELS_NS } from './strings';

/**
 * Grid toolbar action "为什么在这一群": opens the decision-tree view on the selected row, when
 * the dataset has a tree model. `rowId` is the grid's row id (position in the dataset, from 1).
 */
export function WhyButton({ datasetId, rowId }: { datasetId: string; rowId: number | null }) {
  const { t } = useTranslation(MODELS_NS);
  const { openTab } = useWorkspace();
  const trees = useQuery('models.list', { datasetId, kind: 'tree' });
  if (!trees.data || trees.data.length === 0) return null;
  return (
    <button type="button" className="k-btn" data-testid="grid-why" disabled={rowId === null} onClick={() => rowId !== null && openTab({ viewId: 'tree', datasetId, params: { row: rowId - 1 } })}>
      {t('whyButton')}
    </button>
  );
}
