import type { EngineContext } from '../host/context';
import type { ImportTicker } from './write-rows';

/**
 * Progress for imports: bytes read of the total (the only size known before the end), with the
 * row count and an ETA in the label, and a cancellation checkpoint after every batch.
 */
export function importTicker(ctx: Pick<EngineContext, 'progress' | 'checkpoint'>, what: string): ImportTicker {
  const started = Date.now();
  return {
    async tick(rows, bytesRead, bytesTotal) {
      const elapsed = (Date.now() - started) / 1000;
      const share = bytesTotal > 0 ? bytesRead / bytesTotal : 0;
      const eta = share > 0.02 && elapsed > 0.5 ? Math.max(0, Math.round(elapsed / share - elapsed)) : null;
      const n = rows.toLocaleString('en-US');
      const label = `${what} · 已读取 ${n} 行${eta === null ? '' : ` · 约剩 ${eta} 秒`} | ${n} rows read${eta === null ? '' : ` · about ${eta} s left`}`;
      ctx.progress(bytesRead, bytesTotal, label);
      await ctx.checkpoint();
    },
  };
}
