import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { formatNumber } from '../../format';
import { GRID_NS } from './strings';

/** Hovering a header: the original header text from the file, the type and the quality counts. */
export function HeaderTip({ col, x, y }: { col: ColumnInfo; x: number; y: number }) {
  const { t } = useTranslation(GRID_NS);
  return (
    <div className="k-grid-tip" style={{ left: x, top: y }} data-testid="header-tip" role="tooltip">
      <div>
        <strong>{col.name}</strong>
      </div>
      {col.originalHeader !== null ? <div>{t('header.original', { text: col.originalHeader })}</div> : null}
      <div>{t('header.type', { type: t(`type.${col.type}`) })}</div>
      {col.invalidCount > 0 ? <div className="k-grid-tip__warn">{t('header.invalid', { count: formatNumber(col.invalidCount) })}</div> : null}
      {col.missingCount > 0 ? <div>{t('header.missing', { count: formatNumber(col.missingCount) })}</div> : null}
    </div>
  );
}
