import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

/** What one child process cost: wall time as the user waits for it, and its peak resident memory. */
export interface ProcessRun {
  ok: boolean;
  ms: number;
  /** Peak RSS of the process in MB (GNU time's maximum resident set size, else /proc VmHWM polled). */
  peakMb: number | null;
  /** User + system CPU seconds (GNU time); on a shared machine wall time includes waiting for others. */
  cpuMs: number | null;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Why it failed: exit code, timeout, or the JSON error the CLI printed. */
  error?: string;
}

export interface RunOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Node flags put before the script (e.g. --cpu-prof). */
  nodeFlags?: string[];
}

const GNU_TIME = '/usr/bin/time';
export const STEP_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs `node <script> <args>` as the user would (a fresh process), under GNU time -v when present
 * for an exact peak RSS. The child leads its own process group so a timeout can end exactly it
 * (and GNU time's wrapper) by id.
 */
export function runNode(script: string, args: string[], options: RunOptions = {}): Promise<ProcessRun> {
  return runProgram(process.execPath, [...(options.nodeFlags ?? []), script, ...args], options);
}

/** Any program (e.g. python3 for the scikit-learn reference), measured the same way as runNode. */
export function runProgram(program: string, programArgs: string[], options: RunOptions = {}): Promise<ProcessRun> {
  const useTime = existsSync(GNU_TIME);
  const [cmd, argv] = useTime ? [GNU_TIME, ['-v', program, ...programArgs]] : [program, programArgs];
  const timeoutMs = options.timeoutMs ?? STEP_TIMEOUT_MS;
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd: options.cwd ?? process.cwd(), env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let hwmKb = 0;
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const poll = useTime ? null : setInterval(() => (hwmKb = Math.max(hwmKb, vmHwmKb(child.pid))), 50);
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      const { peakKb, cpuMs, rest } = useTime ? splitGnuTime(stderr) : { peakKb: hwmKb, cpuMs: null, rest: stderr };
      const run: ProcessRun = { ok: code === 0 && !timedOut, ms, peakMb: peakKb > 0 ? Math.round(peakKb / 1024) : null, cpuMs, exitCode: code, stdout, stderr: rest };
      if (timedOut) run.error = `timed out after ${Math.round(timeoutMs / 1000)} s (killed)`;
      else if (!run.ok) run.error = describeFailure(code, signal, stdout, rest);
      done(run);
    });
  });
}

function vmHwmKb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    // Synchronous read of a tiny procfs file; fine inside a 50 ms poll.
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+)/.exec(text);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** GNU time appends its report to stderr: take the peak and give back the child's own stderr. */
function splitGnuTime(stderr: string): { peakKb: number; cpuMs: number | null; rest: string } {
  const at = stderr.lastIndexOf('\tCommand being timed:');
  const report = at >= 0 ? stderr.slice(at) : '';
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
  const user = /User time \(seconds\): ([\d.]+)/.exec(report);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(report);
  const cpuMs = user && sys ? Math.round((Number(user[1]) + Number(sys[1])) * 1000) : null;
  return { peakKb: m ? Number(m[1]) : 0, cpuMs, rest: at >= 0 ? stderr.slice(0, at) : stderr };
}

function describeFailure(code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string): string {
  // The CLI prints {"error":{code,message}} on stdout with --json.
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    const parsed = JSON.parse(last) as { error?: { code?: string; message?: string } };
    if (parsed.error) return `${parsed.error.code ?? 'ERROR'}: ${parsed.error.message ?? ''}`;
  } catch {
    // not JSON: fall through to stderr
  }
  const tail = stderr.trim().split('\n').slice(-6).join('\n');
  const why = signal ? `killed by ${signal}` : `exit ${code}`;
  // GNU time reports a child killed by a signal as "Command terminated by signal 9".
  return `${why}${/signal 9|Killed|heap out of memory/i.test(stderr) ? ' (out of memory?)' : ''}: ${tail.slice(0, 800)}`;
}

/** The last line of stdout parsed as JSON (the CLI's --json result, or a child's RESULT line). */
export function lastJson<T>(run: ProcessRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    // progress or other lines before the result: take the last JSON line
  }
  const lines = run.stdout.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line.startsWith('{')) return JSON.parse(line) as T;
  }
  throw new Error(`no JSON on stdout: ${run.stdout.slice(-400)}`);
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
