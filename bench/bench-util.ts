import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Wall time of `fn` in milliseconds (after an optional GC so runs start even). */
export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Samples RSS while `fn` runs and returns the peak in MB. */
export async function peakRss<T>(fn: () => T | Promise<T>, everyMs = 25): Promise<{ peakMb: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { peakMb: peak / 1048576, value };
  } finally {
    clearInterval(timer);
  }
}

/** Prints a result table and writes it to bench/results/<name>.json. */
export function report(name: string, figures: Record<string, unknown>): void {
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const payload = { name, at: new Date().toISOString(), node: process.version, ...figures };
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(payload, null, 2));
  console.log(JSON.stringify(payload, null, 2));
}
