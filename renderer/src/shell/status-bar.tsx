import { useTranslation } from 'react-i18next';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { EngineState } from '../app/engine-connection';
import { formatNumber } from '../format';

export interface StatusBarProps {
  dataset: DatasetInfo | null;
  selectionText: string | null;
  engineState: EngineState;
  mode: 'browser' | 'desktop';
  onAbout: () => void;
}

/** Bottom line like Excel's: rows of the current dataset, the view's selection, engine state. */
export function StatusBar({ dataset, selectionText, engineState, mode, onAbout }: StatusBarProps) {
  const { t } = useTranslation('shell');
  return (
    <footer className="k-statusbar" data-testid="status-bar">
      <span className="k-statusbar__cell" data-testid="status-rows">
        {dataset ? t('status.rows', { rows: formatNumber(dataset.rowCount) }) : ''}
      </span>
      {dataset ? (
        <span className="k-statusbar__cell" data-testid="status-columns">
          {t('status.columns', { columns: formatNumber(dataset.columns.length) })}
        </span>
      ) : null}
      <span className="k-statusbar__cell k-statusbar__selection" data-testid="status-selection">
        {selectionText ?? ''}
      </span>
      <button type="button" className="k-statusbar__about" onClick={onAbout} data-testid="about-open">
        {t('about.open')}
      </button>
      <span
        className={`k-statusbar__engine is-${engineState}`}
        title={t('status.engineTitle')}
        data-testid="engine-state"
        data-state={engineState}
      >
        <span className="k-statusbar__dot" aria-hidden="true" />
        {engineState === 'failed' && mode === 'browser' ? t('status.engine.lost') : t(`status.engine.${engineState}`)}
      </span>
    </footer>
  );
}
