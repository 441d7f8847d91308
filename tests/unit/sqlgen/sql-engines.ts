import Database from 'better-sqlite3';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckTable } from '../../../electron/engine/sqlgen/check-database';
import { duckdb as duckDialect, postgres as pgDialect, sqlite as sqliteDialect } from '../../../electron/engine/sqlgen/dialect';
import { parseCsv } from '../../helpers/csv';
import { tempDir } from '../../helpers/temp';

/**
 * The three SQL engines the generated statements are executed on in tests: SQLite
 * (better-sqlite3), DuckDB (@duckdb/node-api) and a private PostgreSQL started from Debian's
 * binaries in a temp folder (unix socket only, no TCP), driven through psql with CSV output.
 */
export type ResultRow = Record<string, string | null>;

export interface SqlEngine {
  name: 'sqlite' | 'duckdb' | 'postgres';
  load(tables: readonly CheckTable[]): Promise<void>;
  run(sql: string): Promise<ResultRow[]>;
  close(): Promise<void>;
}

const toText = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'number' ? String(v) : String(v));

/** A CSV file of the table (numbers in shortest round-trip form, text always quoted, null empty). */
function writeCsv(dir: string, t: CheckTable): string {
  const path = join(dir, `${t.table}.csv`);
  const lines = [t.columns.map((c) => `"${c.name.replace(/"/g, '""')}"`).join(',')];
  for (let i = 0; i < t.rowCount; i++) {
    lines.push(
      t
        .row(i)
        .map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`))
        .join(','),
    );
  }
  writeFileSync(path, lines.join('\n') + '\n', 'utf8');
  return path;
}

export function sqliteEngine(): SqlEngine {
  const db = new Database(':memory:');
  return {
    name: 'sqlite',
    async load(tables) {
      for (const t of tables) {
        const cols = t.columns.map((c) => sqliteDialect.ident(c.name));
        db.exec(`DROP TABLE IF EXISTS ${sqliteDialect.ident(t.table)}`);
        db.exec(`CREATE TABLE ${sqliteDialect.ident(t.table)} (${cols.join(', ')})`);
        const ins = db.prepare(`INSERT INTO ${sqliteDialect.ident(t.table)} VALUES (${cols.map(() => '?').join(', ')})`);
        db.transaction(() => {
          for (let i = 0; i < t.rowCount; i++) ins.run(...t.row(i));
        })();
      }
    },
    async run(sql) {
      return (db.prepare(sql).all() as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toText(v)])));
    },
    async close() {
      db.close();
    },
  };
}

const DUCK_TYPES = { number: 'DOUBLE', text: 'VARCHAR', date: 'TIMESTAMP', key: 'VARCHAR' } as const;
const PG_TYPES = { number: 'DOUBLE PRECISION', text: 'TEXT', date: 'TIMESTAMP', key: 'TEXT' } as const;

export async function duckdbEngine(): Promise<SqlEngine> {
  const tmp = tempDir('kequn-duck-');
  const instance = await DuckDBInstance.create(':memory:');
  const con: DuckDBConnection = await instance.connect();
  return {
    name: 'duckdb',
    async load(tables) {
      for (const t of tables) {
        const path = writeCsv(tmp.dir, t);
        const columns = t.columns.map((c) => `${duckDialect.string(c.name)}: '${DUCK_TYPES[c.kind]}'`).join(', ');
        await con.run(`DROP TABLE IF EXISTS ${duckDialect.ident(t.table)}`);
        await con.run(`CREATE TABLE ${duckDialect.ident(t.table)} AS SELECT * FROM read_csv(${duckDialect.string(path)}, header = true, columns = {${columns}}, nullstr = '', quote = '"', escape = '"')`);
      }
    },
    async run(sql) {
      const reader = await con.runAndReadAll(sql);
      return (reader.getRowObjectsJson() as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toText(v)])));
    },
    async close() {
      con.closeSync();
      instance.closeSync();
      tmp.cleanup();
    },
  };
}

/** Debian's PostgreSQL server binaries (initdb, pg_ctl), or null when the package is absent. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 && existsSync('/usr/bin/psql') ? join(root, versions[0]!, 'bin') : null;
}

export const POSTGRES_SKIP = 'skipped: PostgreSQL binaries are absent (apt-get install postgresql; .ci/run installs it)';

/**
 * A private PostgreSQL in a temp folder: its own data directory, a unix socket in that folder
 * and no TCP listener, so it cannot collide with another developer's server. As root (CI), the
 * server runs as the `postgres` system user, since PostgreSQL refuses to run as root.
 */
export async function postgresEngine(bin: string): Promise<SqlEngine> {
  const tmp = tempDir('kequn-pg-');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]): void => {
    const full = join(bin, cmd);
    const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' }) : spawnSync(full, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(tmp.dir, uid, gid);
  }
  const data = join(tmp.dir, 'data');
  const port = '5433';
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'kequn', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  run('pg_ctl', ['-D', data, '-w', '-l', join(tmp.dir, 'server.log'), '-o', `-p ${port} -k ${tmp.dir} -c listen_addresses='' -c fsync=off`, 'start']);
  const psql = (args: string[]): string => {
    const r = spawnSync('psql', ['-X', '-q', '-h', tmp.dir, '-p', port, '-U', 'kequn', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
    return r.stdout;
  };
  let n = 0;
  return {
    name: 'postgres',
    async load(tables) {
      for (const t of tables) {
        const path = writeCsv(tmp.dir, t);
        const table = pgDialect.ident(t.table);
        // One psql run per table: drop, create and \copy (client-side, so the server needs no access to the file).
        psql([
          '-c',
          `DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (${t.columns.map((c) => `${pgDialect.ident(c.name)} ${PG_TYPES[c.kind]}`).join(', ')})`,
          '-c',
          `\\copy ${table} FROM '${path}' WITH (FORMAT csv, HEADER true)`,
        ]);
      }
    },
    async run(sql) {
      const file = join(tmp.dir, `q${++n}.sql`);
      writeFileSync(file, sql, 'utf8');
      const rows = parseCsv(psql(['--csv', '-f', file]));
      const header = rows[0] ?? [];
      return rows.slice(1).filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] === '' ? null : r[i]!])));
    },
    async close() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        tmp.cleanup();
      }
    },
  };
}
