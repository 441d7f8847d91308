import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { toKequnError } from '../../app/use-call';
import { formatNumber } from '../../format';
import { selectionToTsv, writeClipboard, type CopyRequest, type SelectionBlock } from './copy-selection';
import { GRID_NS } from './strings';

/** Ctrl+C on the grid: the engine reads the selected cells, the clipboard gets Excel's tab-separated text. */
export function useCopySelection(req: Omit<CopyRequest, 'block'> & { block: SelectionBlock | null }, setNotice: (text: string | null) => void): () => Promise<void> {
  const { t } = useTranslation(GRID_NS);
  const { client, datasetId, sort, filters, shown, block, header } = req;
  return useCallback(async () => {
    if (!block) return;
    setNotice(t('copy.working'));
    try {
      const r = await selectionToTsv({ client, datasetId, sort, filters, shown, block, header });
      const ok = await writeClipboard(r.text);
      if (!ok) setNotice(t('copy.failed'));
      else setNotice(r.truncated ? t('copy.truncated', { rows: formatNumber(r.rows) }) : t('copy.done', { rows: formatNumber(r.rows), columns: formatNumber(r.columns) }));
    } catch (e) {
      setNotice(toKequnError(e).messageZh);
    }
  }, [block, client, datasetId, sort, filters, shown, header, t, setNotice]);
}
