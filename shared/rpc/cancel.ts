import { KequnError } from '../contract/errors';

/** Cooperative cancellation for engine work; pure so that shared code can use it. */
export class CancelToken {
  private isCancelled = false;
  private readonly listeners = new Set<() => void>();

  get cancelled(): boolean {
    return this.isCancelled;
  }

  cancel(): void {
    if (this.isCancelled) return;
    this.isCancelled = true;
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
    if (this.isCancelled) throw new KequnError('CANCELLED');
  }
}

/** The AbortSignal surface (DOM and Node) a caller may hand to the client. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
