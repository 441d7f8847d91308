import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Draws a line above this item (groups views apart from actions). */
  separatorBefore?: boolean;
  danger?: boolean;
  /** Keyboard shortcut shown at the right, as in Excel's menus ("Ctrl+C"). */
  hint?: string;
  /** Marks the current choice (the active tab in the tab list). */
  checked?: boolean;
}

export interface MenuProps {
  /** Viewport position of the menu's top-left corner (from a click or a button's rect). */
  at: { x: number; y: number };
  items: MenuItem[];
  onClose: () => void;
  header?: ReactNode;
  testId?: string;
}

/** A small popup menu (context menu or drop-down): closes on Escape, outside click or a choice. */
export function Menu({ at, items, onClose, header, testId = 'menu' }: MenuProps) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    box.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus({ preventScroll: true });
    const onDown = (e: MouseEvent): void => {
      if (box.current && !box.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const buttons = [...(box.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
        const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
        const next = buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
        next?.focus();
      }
    };
    document.addEventListener('mousedown', onDown, true);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown, true);
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  // Keep the menu on screen near the right and bottom edges.
  const left = Math.max(4, Math.min(at.x, window.innerWidth - 220));
  const [top, setTop] = useState(() => Math.max(4, Math.min(at.y, window.innerHeight - 28 * items.length - 40)));
  // Measured once drawn (separators and the header make it taller than items × row height): a menu
  // opened low on the screen moves up so that all of it shows, the header too.
  useLayoutEffect(() => {
    const height = box.current?.scrollHeight ?? 0;
    setTop(Math.max(4, Math.min(at.y, window.innerHeight - height - 8)));
  }, [at.y, items.length]);
  return (
    <div ref={box} className="k-menu" role="menu" style={{ left, top, maxHeight: window.innerHeight - top - 8 }} data-testid={testId}>
      {header ? <div className="k-menu__header">{header}</div> : null}
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
          aria-checked={item.checked}
          className={`k-menu__item ${item.separatorBefore ? 'k-menu__item--separated' : ''} ${item.danger ? 'k-menu__item--danger' : ''} ${item.checked ? 'is-checked' : ''}`}
          disabled={item.disabled}
          data-testid="menu-item"
          data-item-id={item.id}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          <span className="k-menu__label">{item.label}</span>
          {item.hint ? <span className="k-menu__hint">{item.hint}</span> : null}
        </button>
      ))}
    </div>
  );
}
