import type { ProgressDetail } from '../../../shared/contract/progress';
import type { EngineClient } from '../../../shared/rpc/client';
import type { Engine } from '../host/engine';
import type { CliOptionSpecs } from './options';

export type CliValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CliContext {
  values: CliValues;
  /** Positional arguments after the command name (sub-commands, files). */
  positionals: string[];
  json: boolean;
  lang: 'zh' | 'en';
  /** Starts an in-process engine on first use. */
  engine(): Engine;
  /** The typed client over the in-process transport. */
  client(): EngineClient;
  /** Opens --project (required unless `optional`); `create` makes a new file when missing. */
  openProject(options?: { create?: boolean }): Promise<void>;
  /** Human-readable progress on stderr (silent with --json); `label` is a progress code. */
  progress(label: string, done: number, total: number | null, detail?: ProgressDetail): void;
}

/** One `kequn <name>` command. Each capability adds its commands in its own file. */
export interface CliCommand {
  name: string;
  summary: { zh: string; en: string };
  usage: string;
  /** Longer help after the summary in `kequn <name> --help`, in both languages. */
  details?: { zh: string; en: string };
  /** Every option: the parser config and the generated --help both come from these. */
  options: CliOptionSpecs;
  run(ctx: CliContext): Promise<unknown>;
  /** Plain-text rendering of the result for people; JSON is printed when absent or with --json. */
  human?(result: unknown, lang: 'zh' | 'en'): string;
  /** Keeps the process alive after run (servers). */
  longRunning?: boolean;
}
