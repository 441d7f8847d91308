import type { ReactNode } from 'react';

/** A calm placeholder for "nothing here yet", with an optional next step. */
export function EmptyState({ title, hint, action, testId }: { title: string; hint?: string; action?: ReactNode; testId?: string }) {
  return (
    <div className="k-empty" data-testid={testId}>
      <div className="k-empty__title">{title}</div>
      {hint ? <div className="k-empty__hint">{hint}</div> : null}
      {action ? <div className="k-empty__action">{action}</div> : null}
    </div>
  );
}
