import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRID_NS } from './strings';

export interface FindBarProps {
  busy: boolean;
  message: string | null;
  onFind: (text: string, direction: 'next' | 'prev', caseSensitive: boolean) => void;
  onClose: () => void;
}

/** Ctrl+F: a search box with next/previous (Enter / Shift+Enter), searched by the engine. */
export function FindBar({ busy, message, onFind, onClose }: FindBarProps) {
  const { t } = useTranslation(GRID_NS);
  const [text, setText] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const go = (direction: 'next' | 'prev'): void => {
    if (text !== '') onFind(text, direction, matchCase);
  };
  return (
    <div className="k-grid-find" data-testid="find-bar" role="search">
      <input
        data-testid="find-input"
        autoFocus
        placeholder={t('find.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            go(e.shiftKey ? 'prev' : 'next');
          } else if (e.key === 'Escape') onClose();
        }}
      />
      <label className="k-grid-find__case">
        <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} />
        {t('find.matchCase')}
      </label>
      <button type="button" className="k-btn" data-testid="find-prev" disabled={busy} onClick={() => go('prev')}>
        ↑ {t('find.prev')}
      </button>
      <button type="button" className="k-btn" data-testid="find-next" disabled={busy} onClick={() => go('next')}>
        ↓ {t('find.next')}
      </button>
      <span className="k-grid-find__message" data-testid="find-message">
        {message ?? ''}
      </span>
      <button type="button" className="k-grid-find__close" onClick={onClose} aria-label={t('find.close')} data-testid="find-close">
        ×
      </button>
    </div>
  );
}
