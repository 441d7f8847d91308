// One analysis inside a long-lived engine, in a fresh process: open the project, run the
// analysis once (cold: the first time after opening, columns not yet read), then again
// `repeats` times (warm). Prints `RESULT {json}`.
import { join } from 'node:path';
import { Engine } from '../../electron/engine/host/engine';

export interface EngineTask {
  project: string;
  home: string;
  method: 'pivots.run' | 'crosstab.run';
  params: Record<string, unknown>;
  repeats: number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

async function run(task: EngineTask): Promise<Record<string, unknown>> {
  const engine = new Engine({ dataDir: join(task.home, 'engine-child'), log: () => undefined });
  const client = engine.createClient();
  try {
    const t0 = performance.now();
    await client.call('project.open', { path: task.project });
    const openMs = performance.now() - t0;
    const call = (): Promise<unknown> => client.call(task.method, task.params as never);
    const c0 = performance.now();
    const first = await call();
    const coldMs = performance.now() - c0;
    const warm: number[] = [];
    for (let i = 0; i < task.repeats; i++) {
      const w0 = performance.now();
      await call();
      warm.push(performance.now() - w0);
    }
    warm.sort((a, b) => a - b);
    return { openMs: round(openMs), coldMs: round(coldMs), warmMedianMs: round(warm[Math.floor(warm.length / 2)] ?? NaN), warmMinMs: round(warm[0] ?? NaN), grandTotal: grandTotal(first) };
  } finally {
    client.close();
    engine.dispose();
  }
}

/** The grand total(s), to check both engines counted the same rows. */
function grandTotal(result: unknown): number[] | null {
  const r = result as { cells?: unknown; total?: number };
  if (typeof r.total === 'number') return [r.total];
  const cells = r.cells as (number | null)[][][] | undefined;
  return cells?.[0]?.[0]?.map((v) => Number(v)) ?? null;
}

const task = JSON.parse(process.argv[2] ?? '{}') as EngineTask;
try {
  process.stdout.write(`RESULT ${JSON.stringify(await run(task))}\n`);
} catch (e) {
  process.stdout.write(`RESULT ${JSON.stringify({ error: e instanceof Error ? e.message : String(e) })}\n`);
  process.exitCode = 1;
}
