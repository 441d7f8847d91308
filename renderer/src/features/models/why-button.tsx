import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../app/workspace';
import { MODELS_NS } from './strings';

/**
 * Grid toolbar action "为什么在这一群": opens the decision-tree view on the selected row (the
 * latest tree of the dataset explains it; without one the view asks for a tree first).
 * `rowId` is the grid's row id (position in the dataset, from 1).
 */
export function WhyButton({ datasetId, rowId }: { datasetId: string; rowId: number | null }) {
  const { t } = useTranslation(MODELS_NS);
  const { openTab } = useWorkspace();
  return (
    <button
      type="button"
      className="k-btn"
      data-testid="grid-why"
      disabled={rowId === null}
      title={t('whyHint')}
      onClick={() => rowId !== null && openTab({ viewId: 'tree', datasetId, params: { row: rowId - 1 } })}
    >
      {t('whyButton')}
    </button>
  );
}
