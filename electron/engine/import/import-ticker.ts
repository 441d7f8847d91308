import type { ProgressLabel } from '../../../shared/contract/progress';
import type { EngineContext } from '../host/context';
import type { ImportTicker } from './write-rows';

/**
 * Progress for imports: bytes read of the total (the only size known before the end), with the
 * row count and an ETA as figures, and a cancellation checkpoint after every batch.
 */
export function importTicker(ctx: Pick<EngineContext, 'progress' | 'checkpoint'>, label: ProgressLabel): ImportTicker {
  const started = Date.now();
  return {
    async tick(rows, bytesRead, bytesTotal) {
      const elapsed = (Date.now() - started) / 1000;
      const share = bytesTotal > 0 ? bytesRead / bytesTotal : 0;
      const eta = share > 0.02 && elapsed > 0.5 ? Math.max(0, Math.round(elapsed / share - elapsed)) : null;
      ctx.progress(bytesRead, bytesTotal, label, eta === null ? { rows } : { rows, etaSeconds: eta });
      await ctx.checkpoint();
    },
  };
}
