import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Buttons, right-aligned at the bottom. */
  footer?: ReactNode;
  /** Escape and the backdrop call this; omit it for dialogs that must not be dismissed. */
  onClose?: () => void;
  width?: number;
  testId?: string;
}

/** A modal dialog: focus moves into it, Escape closes it, the page behind is inert. */
export function Dialog({ open, title, children, footer, onClose, width = 420, testId }: DialogProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const previous = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('input, select, textarea, button');
    (first ?? box.current)?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && onClose) {
        e.stopPropagation();
        onClose();
      }
      // Keep Tab inside the dialog: the page behind it is not reachable while it is open.
      if (e.key === 'Tab' && box.current) {
        const focusable = [...box.current.querySelectorAll<HTMLElement>('input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])')].filter(
          (el) => !el.hasAttribute('disabled'),
        );
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, [open, onClose]);

  if (!open) return null;
  return (
    <div className="k-dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose?.()}>
      <div
        ref={box}
        className="k-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        style={{ width }}
        data-testid={testId}
      >
        <div className="k-dialog__title" id={titleId}>
          {title}
        </div>
        <div className="k-dialog__body">{children}</div>
        {footer ? <div className="k-dialog__footer">{footer}</div> : null}
      </div>
    </div>
  );
}
