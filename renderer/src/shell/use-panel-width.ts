import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';

const KEY = 'kequn.sidebarWidth';
const MIN = 160;
const MAX = 480;
const DEFAULT = 232;

function stored(): number {
  try {
    const n = Number(globalThis.localStorage?.getItem(KEY));
    return Number.isFinite(n) && n >= MIN && n <= MAX ? n : DEFAULT;
  } catch {
    return DEFAULT;
  }
}

/** The left panel's width, dragged by a splitter (like Excel's name box) and remembered. */
export function usePanelWidth(): { width: number; onSplitterDown: (e: ReactPointerEvent<HTMLElement>) => void; reset: () => void } {
  const [width, setWidth] = useState(stored);
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);

  useEffect(() => {
    try {
      globalThis.localStorage?.setItem(KEY, String(width));
    } catch {
      // Not remembered; the default comes back next time.
    }
  }, [width]);

  const onSplitterDown = useCallback(
    (e: ReactPointerEvent<HTMLElement>) => {
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      drag.current = { startX: e.clientX, startWidth: width };
      const target = e.currentTarget;
      const move = (ev: PointerEvent): void => {
        if (!drag.current) return;
        const next = drag.current.startWidth + ev.clientX - drag.current.startX;
        setWidth(Math.round(Math.min(MAX, Math.max(MIN, next))));
      };
      const up = (): void => {
        drag.current = null;
        target.removeEventListener('pointermove', move);
        target.removeEventListener('pointerup', up);
        target.removeEventListener('pointercancel', up);
      };
      target.addEventListener('pointermove', move);
      target.addEventListener('pointerup', up);
      target.addEventListener('pointercancel', up);
    },
    [width],
  );

  return { width, onSplitterDown, reset: () => setWidth(DEFAULT) };
}
