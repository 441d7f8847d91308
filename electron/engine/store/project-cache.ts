/**
 * The open project's memory: decoded chunks, whole columns and derived structures (views, period
 * columns, collation ranks). It belongs to one ProjectStore and dies with it, so nothing cached
 * can leak into another project. Keys name immutable things (a column data id) or carry the
 * dataset version, so an entry can be stale only by being unreachable; least recently used
 * entries go when the byte budget is exceeded.
 */
export class ProjectCache {
  private readonly entries = new Map<string, { value: unknown; bytes: number }>();
  private used = 0;

  constructor(private readonly budgetBytes: number) {}

  get<T>(key: string, compute: () => { value: T; bytes: number }): T {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert: Map order doubles as least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const made = compute();
    this.put(key, made.value, made.bytes);
    return made.value;
  }

  peek<T>(key: string): T | undefined {
    return this.entries.get(key)?.value as T | undefined;
  }

  put(key: string, value: unknown, bytes: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.used -= old.bytes;
      this.entries.delete(key);
    }
    // Something larger than the whole budget is handed back but not kept.
    if (bytes > this.budgetBytes) return;
    this.entries.set(key, { value, bytes });
    this.used += bytes;
    while (this.used > this.budgetBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.used -= this.entries.get(oldest)!.bytes;
      this.entries.delete(oldest);
    }
  }

  /** Drops every entry whose key starts with the prefix (a dataset's derived structures). */
  dropPrefix(prefix: string): void {
    for (const [k, e] of this.entries) {
      if (k.startsWith(prefix)) {
        this.used -= e.bytes;
        this.entries.delete(k);
      }
    }
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  get usedBytes(): number {
    return this.used;
  }
}

/** Budget for whole columns and chunks of the open project (KEQUN_CACHE_MB overrides it). */
export function cacheBudgetBytes(): number {
  const mb = Number(process.env.KEQUN_CACHE_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 768) * 1024 * 1024;
}
