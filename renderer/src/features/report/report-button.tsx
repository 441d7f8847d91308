import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../app/workspace';
import { Button } from '../../components/button';
import { REPORT_NS } from './strings';

/** "导出报告" next to a saved segmentation: opens the report view for it. */
export function ReportButton({ segmentationId }: { segmentationId: string }) {
  const { t } = useTranslation(REPORT_NS);
  const { openTab } = useWorkspace();
  return (
    <Button size="small" variant="primary" onClick={() => openTab({ viewId: 'report', datasetId: null, params: { segmentationId } })} data-testid="open-report">
      {t('openReport')}
    </Button>
  );
}
