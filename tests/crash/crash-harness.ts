import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkProject, type ProjectCheck } from '../../electron/engine/store/project-check';

/**
 * Crash-safety harness: runs real engine operations as child processes (the built CLI), kills
 * them with SIGKILL at a random moment, then reopens the project and checks that it is intact,
 * that everything committed before the kill is there, and that no partial step is visible.
 */
export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'engine', 'cli.mjs');

export interface CrashOp {
  name: string;
  /** CLI arguments (without --project/--json, which the harness adds). */
  args: (ctx: TrialContext) => string[];
  /** Checks the state after a run that completed (printed its JSON) or was killed. */
  verify: (before: ProjectCheck, after: ProjectCheck, completed: boolean, ctx?: TrialContext) => string[];
}

export interface TrialContext {
  dir: string;
  project: string;
  /** Ids of datasets created by the setup, by role. */
  ids: Record<string, string>;
}

export interface TrialOutcome {
  trial: number;
  op: string;
  killAfterMs: number;
  completed: boolean;
  ok: boolean;
  problems: string[];
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

/** Runs the CLI and SIGKILLs it after `ms` unless it finished first. */
export function runAndKill(args: string[], ms: number): Promise<{ completed: boolean; stdout: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      ok({ completed: signal === null && code === 0 && stdout.trim().length > 0, stdout });
    });
  });
}

export function inspect(project: string): ProjectCheck {
  // Opening read-write, as the app does after a crash, lets SQLite roll back or replay the WAL.
  const db = new Database(project);
  try {
    return checkProject(db);
  } finally {
    db.close();
  }
}

/** A CSV big enough that importing it takes a noticeable moment (so kills land mid-import). */
export function writeOrdersCsv(path: string, rows: number, customers: number): void {
  const lines = ['订单编号,客户编号,下单日期,产品类别,金额'];
  const cats = ['办公用品', '家具', '电子产品', '耗材'];
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    lines.push(`DD${i + 1},KH${(i * 7919) % customers},2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${cats[i % 4]},${(10 + (i % 997) * 1.5).toFixed(2)}`);
  }
  writeFileSync(path, lines.join('\r\n'), 'utf8');
}

/** Deterministic PRNG so a failing trial can be replayed from its seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
