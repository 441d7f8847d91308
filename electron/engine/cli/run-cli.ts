import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KequnError, type WireError } from '../../../shared/contract/errors';
import { progressText } from '../../../shared/contract/progress';
import type { EngineClient } from '../../../shared/rpc/client';
import { APP_VERSION } from '../../../shared/version';
import { Engine } from '../host/engine';
import { normaliseProjectPath } from '../store/project-file-handlers';
import { removeProjectFiles } from '../store/project-files';
import type { CliCommand, CliContext } from './command';
import { commands as allCommands } from './commands/index';
import { commandHelp } from './help';
import { COMMON_OPTIONS, parserOptions } from './options';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliOutcome {
  exitCode: number;
  /** Set for long-running commands (serve): the engine stays up until the process ends. */
  keepAlive: boolean;
  engine: Engine | null;
}

/**
 * Runs one `kequn` invocation in-process. Errors: exit code 2; with --json the error is printed
 * on stdout as {"error":{"code","message"}} so batch scripts can parse every outcome.
 */
export async function runCli(argv: string[], io: CliIo, commands: CliCommand[] = allCommands): Promise<CliOutcome> {
  const json = argv.includes('--json');
  const lang = detectLang(argv);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText(commands, lang));
    return { exitCode: 0, keepAlive: false, engine: null };
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(json ? JSON.stringify({ version: APP_VERSION }) + '\n' : `kequn ${APP_VERSION}\n`);
    return { exitCode: 0, keepAlive: false, engine: null };
  }
  const command = commands.find((c) => c.name === name);
  let engine: Engine | null = null;
  let created: string | null = null;
  try {
    if (!command) {
      throw new KequnError('USAGE', `Unknown command: ${name} (see kequn --help)`, { zh: `未知命令：${name}（见 kequn --help）` });
    }
    const parsed = parseArgsSafe(rest, parserOptions({ ...COMMON_OPTIONS, ...command.options }));
    if (parsed.values.help) {
      io.stdout(commandHelp(command, lang));
      return { exitCode: 0, keepAlive: false, engine: null };
    }
    let client: EngineClient | null = null;
    const getEngine = (): Engine => (engine ??= new Engine());
    // A project file this run created: removed again if the command fails before it holds data.
    const ctx: CliContext = {
      values: parsed.values,
      positionals: parsed.positionals,
      json,
      lang,
      engine: getEngine,
      client: () => (client ??= getEngine().createClient()),
      openProject: async (opts) => {
        const p = parsed.values.project;
        if (typeof p !== 'string' || p === '') {
          throw new KequnError('USAGE', 'Missing --project P', { zh: '缺少参数 --project P' });
        }
        const full = normaliseProjectPath(p);
        const existed = existsSync(full);
        await ctx.client().call('project.open', { path: full, create: opts?.create ?? false }, { onProgress: (pr) => ctx.progress(pr.label, pr.done, pr.total, pr.detail) });
        if (!existed) created = full;
      },
      progress: (label, done, total, detail) => {
        if (json) return;
        io.stderr(`\r${progressText(label, detail, lang)} ${total ? Math.round((done / total) * 100) + '%' : done}   `);
      },
    };
    const result = await command.run(ctx);
    if (json || !command.human) io.stdout(JSON.stringify(result, null, json ? 0 : 2) + '\n');
    else io.stdout(command.human(result, lang) + '\n');
    if (command.longRunning) return { exitCode: 0, keepAlive: true, engine };
    (engine as Engine | null)?.dispose();
    return { exitCode: 0, keepAlive: false, engine: null };
  } catch (error) {
    const wire = toWire(error);
    if (json) io.stdout(JSON.stringify({ error: { code: wire.code, message: wire.message, messageZh: wire.messageZh, ...(wire.details ? { details: wire.details } : {}) } }) + '\n');
    else io.stderr(`${lang === 'zh' ? '错误' : 'Error'} [${wire.code}]: ${lang === 'zh' ? wire.messageZh : wire.message}\n`);
    const open = (engine as Engine | null)?.currentProject ?? null;
    const empty = created !== null && open !== null && !open.closed && open.path === created && open.listDatasets().length === 0;
    (engine as Engine | null)?.dispose();
    // A failed first import leaves no empty project file behind.
    if (empty && created !== null) removeProjectFiles(created);
    return { exitCode: 2, keepAlive: false, engine: null };
  }
}

function parseArgsSafe(args: string[], options: ReturnType<typeof parserOptions>): { values: CliContext['values']; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as CliContext['values'], positionals };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new KequnError('USAGE', message, { zh: `命令行参数无效：${message}` });
  }
}

function toWire(error: unknown): WireError {
  if (error instanceof KequnError) return error.toWire();
  const message = error instanceof Error ? error.message : String(error);
  return new KequnError('INTERNAL', message).toWire();
}

function detectLang(argv: string[]): 'zh' | 'en' {
  const i = argv.indexOf('--lang');
  const v = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7);
  if (v === 'en' || v === 'zh') return v;
  const env = process.env.LANG ?? '';
  return env.startsWith('en') ? 'en' : 'zh';
}

function helpText(commands: CliCommand[], lang: 'zh' | 'en'): string {
  const head =
    lang === 'zh'
      ? `客群 Kequn ${APP_VERSION} — 离线客户细分\n\n用法：kequn <命令> [选项]\n通用选项：--project P  --json  --lang zh|en  --help\n\n命令：\n`
      : `Kequn ${APP_VERSION} — offline customer segmentation\n\nUsage: kequn <command> [options]\nCommon options: --project P  --json  --lang zh|en  --help\n\nCommands:\n`;
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${lang === 'zh' ? c.summary.zh : c.summary.en}\n      ${c.usage}`);
  return `${head}${lines.join('\n')}\n  --version\n`;
}
