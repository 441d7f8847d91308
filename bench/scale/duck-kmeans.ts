import type { DuckDBConnection } from '@duckdb/node-api';

export interface KmeansSpec {
  k: number;
  restarts: number;
  seed: number;
  maxIterations: number;
  tolerance: number;
}

type Centres = number[][];

const FEATURES = ['x0', 'x1', 'x2'] as const;

/** Per row: the list of squared distances to the k centres (inlined as literals), its minimum and the index of it. */
function assignSql(centres: Centres): string {
  const dist = centres.map((c) => FEATURES.map((x, j) => `(${x} - (${c[j]!}))^2`).join(' + '));
  return `SELECT i, c, x0, x1, x2, list_position(l, list_min(l)) - 1 AS j, list_min(l) AS d FROM (SELECT *, [${dist.join(', ')}] AS l FROM kx)`;
}

/**
 * Lloyd's k-means done by DuckDB over the persisted `rfm` table: R, F, M z-scored; each restart
 * starts from k sampled rows; every iteration is one DuckDB scan that assigns each row to its
 * nearest centre and averages the new centres (the k×3 centres travel as literals); stop when the
 * squared centre shift is ≤ tolerance × mean variance (1 after z-scores) as scikit-learn does;
 * the restart with the least SSE has its labels persisted. DuckDB has no k-means of its own.
 */
export async function duckKmeans(conn: DuckDBConnection, spec: KmeansSpec): Promise<{ sse: number; iterations: number; rows: number }> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE kx AS
    WITH s AS (SELECT avg(r) AS ar, stddev_pop(r) AS sr, avg(f) AS af, stddev_pop(f) AS sf, avg(m) AS am, stddev_pop(m) AS sm FROM rfm WHERE r IS NOT NULL AND f IS NOT NULL AND m IS NOT NULL)
    SELECT row_number() OVER () AS i, c, (r - ar) / sr AS x0, (f - af) / sf AS x1, (m - am) / sm AS x2
    FROM rfm CROSS JOIN s WHERE r IS NOT NULL AND f IS NOT NULL AND m IS NOT NULL`);
  const rows = Number((await conn.runAndReadAll('SELECT count(*) FROM kx')).getRows()[0]![0]);
  let best = { sse: Infinity, iterations: 0, centres: [] as Centres };
  for (let restart = 0; restart < spec.restarts; restart++) {
    const start = (await conn.runAndReadAll(`SELECT x0, x1, x2 FROM kx USING SAMPLE reservoir(${spec.k} ROWS) REPEATABLE (${spec.seed + restart})`)).getRows();
    let centres: Centres = start.map((r) => r.map(Number));
    let iterations = 0;
    let sse = Infinity;
    while (iterations < spec.maxIterations) {
      iterations++;
      const next = (await conn.runAndReadAll(`SELECT j, avg(x0), avg(x1), avg(x2), sum(d) FROM (${assignSql(centres)}) GROUP BY j`)).getRows();
      sse = next.reduce((s, r) => s + Number(r[4]), 0);
      // A centre left without rows keeps its place.
      const moved = centres.map((c) => [...c]);
      for (const r of next) moved[Number(r[0])] = [Number(r[1]), Number(r[2]), Number(r[3])];
      const shift = moved.reduce((s, c, j) => s + c.reduce((t, v, f) => t + (v - centres[j]![f]!) ** 2, 0), 0);
      centres = moved;
      if (shift <= spec.tolerance) break;
    }
    if (sse < best.sse) best = { sse, iterations, centres };
  }
  await conn.run(`CREATE OR REPLACE TABLE kmeans_labels AS SELECT c, j AS cluster FROM (${assignSql(best.centres)})`);
  return { sse: best.sse, iterations: best.iterations, rows };
}
