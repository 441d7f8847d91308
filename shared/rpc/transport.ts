/**
 * A bidirectional frame channel. Implementations: in-process pair, WebSocket, MessagePort.
 * `In` is what arrives, `Out` is what is sent.
 */
export interface Transport<In, Out> {
  send(frame: Out): void;
  onFrame(listener: (frame: In) => void): () => void;
  onClose(listener: (reason: string) => void): () => void;
  close(): void;
}

/** Small listener set used by every transport implementation. */
export class Listeners<T> {
  private readonly set = new Set<(v: T) => void>();
  add(fn: (v: T) => void): () => void {
    this.set.add(fn);
    return () => this.set.delete(fn);
  }
  emit(v: T): void {
    for (const fn of [...this.set]) fn(v);
  }
  clear(): void {
    this.set.clear();
  }
}
