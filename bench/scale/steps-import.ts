import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { child, cli, compareRow, processFigures, profileCli, round, saveState, type SizeContext } from './context';
import type { DuckTask } from './duck-child';
import { writeOrderCsvs, writeOrderXlsx } from './generate';

interface ImportResult {
  datasets: { id: string; name: string; rows: number; columns: { name: string; type: string; invalid: number }[] }[];
}

interface DuckImport {
  ms: number;
  statementMs: number;
  rows: number;
  types: string[];
  threads: string;
}

const MEMORY_BOUND_MB = 1024;

export async function generateData(ctx: SizeContext, withXlsx: boolean): Promise<void> {
  const t0 = performance.now();
  writeOrderCsvs(ctx.rows, { utf8: ctx.csvUtf8, gb18030: ctx.csvGb18030 });
  const csvMs = performance.now() - t0;
  const gen: Record<string, unknown> = { csvMs: round(csvMs), utf8Bytes: statSync(ctx.csvUtf8).size, gb18030Bytes: statSync(ctx.csvGb18030).size };
  if (withXlsx) {
    const x0 = performance.now();
    await writeOrderXlsx(ctx.rows, ctx.xlsx);
    Object.assign(gen, { xlsxMs: round(performance.now() - x0), xlsxBytes: statSync(ctx.xlsx).size });
  }
  ctx.figures.generate = gen;
}

/** UTF-8 CSV: our CLI import into the project the later steps use, then DuckDB read_csv into its persisted table. */
export async function importUtf8(ctx: SizeContext): Promise<void> {
  const project = join(ctx.dir, 'orders.kequn');
  removeProject(project);
  const ours = await cli<ImportResult>(ctx, ['import', ctx.csvUtf8, '--project', project]);
  const ds = ours.result?.datasets[0];
  if (ds) {
    ctx.state.project = project;
    ctx.state.ordersId = ds.id;
    delete ctx.state.rfmId;
    delete ctx.state.segmentationId;
  }
  const duckDb = join(ctx.dir, 'duck.db');
  const duck = await child<DuckImport>(ctx.paths.duckChild, [JSON.stringify({ kind: 'import', db: duckDb, csv: ctx.csvUtf8 } satisfies DuckTask)]);
  if (duck.run.ok) ctx.state.duckDb = duckDb;
  saveState(ctx);
  ctx.figures.importUtf8 = {
    ours: { ...processFigures(ours.run), rows: ds?.rows, types: ds?.columns.map((c) => `${c.name}:${c.type}`), projectBytes: fileSize(project) },
    duckdb: { process: processFigures(duck.run), ...duck.result, dbBytes: fileSize(duckDb) },
  };
  compareRow(ctx, 'CSV import UTF-8 (whole process)', ours.run, duck.run, 'DuckDB read_csv → persisted table (process)', 2, {
    memBoundMb: MEMORY_BOUND_MB,
    note: duck.result ? `DuckDB statement ${duck.result.statementMs} ms, ${duck.result.threads} threads` : undefined,
  });
  if (ctx.profile.has('import')) {
    const scratch = join(ctx.dir, 'profile-import.kequn');
    ctx.figures.importUtf8Profile = await profileCli(ctx, 'import', ['import', ctx.csvUtf8, '--project', scratch]);
    removeProject(scratch);
  }
}

/**
 * GB18030 CSV: our import into a throwaway project. DuckDB needs its `encodings` extension for
 * GB18030, which is downloaded on demand; when it cannot be had the reference is DuckDB reading
 * the UTF-8 copy of the same rows (said in the row's note).
 */
export async function importGb18030(ctx: SizeContext, utf8Reference: number | null): Promise<void> {
  const project = join(ctx.dir, 'orders-gb18030.kequn');
  removeProject(project);
  const ours = await cli<ImportResult>(ctx, ['import', ctx.csvGb18030, '--project', project, '--encoding', 'gb18030']);
  const ds = ours.result?.datasets[0];
  const projectBytes = fileSize(project);
  removeProject(project);
  const duckDb = join(ctx.dir, 'duck-gb18030.db');
  const duck = await child<DuckImport>(ctx.paths.duckChild, [JSON.stringify({ kind: 'import', db: duckDb, csv: ctx.csvGb18030, encoding: 'gb18030' } satisfies DuckTask)]);
  rmSync(duckDb, { force: true });
  rmSync(`${duckDb}.wal`, { force: true });
  ctx.figures.importGb18030 = {
    ours: { ...processFigures(ours.run), rows: ds?.rows, types: ds?.columns.map((c) => `${c.name}:${c.type}`), projectBytes },
    duckdbGb18030: { process: processFigures(duck.run), ...duck.result },
  };
  const duckOk = duck.run.ok;
  compareRow(ctx, 'CSV import GB18030 (whole process)', ours.run, duckOk ? duck.run : utf8Reference, duckOk ? 'DuckDB read_csv GB18030 (process)' : 'DuckDB read_csv of the UTF-8 copy (process)', 2, {
    memBoundMb: MEMORY_BOUND_MB,
    refPeakMb: duckOk ? duck.run.peakMb : null,
    note: duckOk ? undefined : `DuckDB cannot read GB18030 here (${(duck.run.error ?? '').slice(0, 90)}…)`,
  });
  if (ctx.profile.has('gb18030')) {
    const scratch = join(ctx.dir, 'profile-gb18030.kequn');
    ctx.figures.importGb18030Profile = await profileCli(ctx, 'gb18030', ['import', ctx.csvGb18030, '--project', scratch, '--encoding', 'gb18030']);
    removeProject(scratch);
  }
}

/** xlsx: our CLI import vs ExcelJS's streaming reader over the same file, each a whole process. */
export async function importXlsx(ctx: SizeContext): Promise<void> {
  const project = join(ctx.dir, 'orders-xlsx.kequn');
  removeProject(project);
  const ours = await cli<ImportResult>(ctx, ['import', ctx.xlsx, '--project', project]);
  const ds = ours.result?.datasets[0];
  removeProject(project);
  const ref = await child<{ ms: number; rows: number; cells: number }>(ctx.paths.exceljsChild, [ctx.xlsx]);
  ctx.figures.importXlsx = {
    ours: { ...processFigures(ours.run), rows: ds?.rows, types: ds?.columns.map((c) => `${c.name}:${c.type}`) },
    exceljsStream: { process: processFigures(ref.run), ...ref.result },
  };
  compareRow(ctx, 'xlsx import (whole process)', ours.run, ref.run, 'ExcelJS streaming reader (process)', 0.5, { note: ref.result ? `ExcelJS read loop ${ref.result.ms} ms` : undefined });
  if (ctx.profile.has('xlsx')) {
    const scratch = join(ctx.dir, 'profile-xlsx.kequn');
    ctx.figures.importXlsxProfile = await profileCli(ctx, 'xlsx', ['import', ctx.xlsx, '--project', scratch]);
    removeProject(scratch);
  }
}

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

export function removeProject(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
