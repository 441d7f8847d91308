import { runCli } from '../../electron/engine/cli/run-cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs a `kequn` command in this process on `project` (with --json when asked), capturing its output. */
export async function runCliOn(project: string, json: boolean, argv: string[], extra: string[] = []): Promise<CliRun> {
  let out = '';
  let err = '';
  const r = await runCli([...argv, '--project', project, ...(json ? ['--json'] : []), ...extra], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code: r.exitCode, out, err };
}
