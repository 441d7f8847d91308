import { KequnError } from '../contract/errors';

/** Cooperative cancellation for engine work; pure so that shared code can use it. */
export class CancelToken {
  private isCancelled = false;
  private why: KequnError | null = null;
  private readonly listeners = new Set<() => void>();

  get cancelled(): boolean {
    return this.isCancelled;
  }

  /** Why the work was stopped, when not by the caller (e.g. PROJECT_CLOSED on a project switch). */
  get reason(): KequnError | null {
    return this.why;
  }

  cancel(reason?: KequnError): void {
    if (this.isCancelled) return;
    this.isCancelled = true;
    this.why = reason ?? null;
    for (const fn of [...this.listeners]) fn();
    this.listeners.clear();
  }

  /** Runs `fn` on cancel (at once if already cancelled); returns an unsubscribe. */
  onCancel(fn: () => void): () => void {
    if (this.isCancelled) {
      fn();
      return () => undefined;
    }
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  throwIfCancelled(): void {
    if (this.isCancelled) throw this.why ?? new KequnError('CANCELLED');
  }
}

/** The AbortSignal surface (DOM and Node) a caller may hand to the client. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
