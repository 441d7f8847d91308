/**
 * Fan-out to listeners, holding events that arrive while nobody listens (the page subscribes
 * after it has rendered; a file double-clicked to start the app arrives before that).
 */
export interface ListenerBuffer<T> {
  emit(value: T): void;
  subscribe(listener: (value: T) => void): () => void;
}

export const BUFFER_LIMIT = 50;

export function createBuffer<T>(limit = BUFFER_LIMIT): ListenerBuffer<T> {
  const listeners = new Set<(value: T) => void>();
  let held: T[] = [];
  return {
    emit(value) {
      if (listeners.size === 0) {
        held.push(value);
        if (held.length > limit) held = held.slice(-limit);
        return;
      }
      for (const l of listeners) l(value);
    },
    subscribe(listener) {
      // A wrapper per subscription, so subscribing one function twice unsubscribes independently.
      const fn = (value: T): void => listener(value);
      listeners.add(fn);
      const flush = held;
      held = [];
      for (const v of flush) fn(v);
      return () => {
        listeners.delete(fn);
      };
    },
  };
}
