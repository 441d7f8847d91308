import { useTranslation } from 'react-i18next';
import type { SqlTarget } from '../../../../shared/contract/sql';
import { useWorkspace } from '../../app/workspace';
import { Button } from '../../components/button';
import { SQL_NS } from './strings';

/** "导出为 SQL" next to a saved segmentation or model: opens the SQL export view for it. */
export function SqlButton({ target }: { target: SqlTarget }) {
  const { t } = useTranslation(SQL_NS);
  const { openTab } = useWorkspace();
  return (
    <Button size="small" onClick={() => openTab({ viewId: 'sql-export', datasetId: null, params: { target: JSON.stringify(target) } })} data-testid="open-sql-export">
      {t('open')}
    </Button>
  );
}
