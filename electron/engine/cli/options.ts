import type { ParseArgsConfig } from 'node:util';

/**
 * One command-line option: what the parser needs and what `--help` says about it. The parser
 * config and the help text are both derived from these, so the two cannot drift apart.
 */
export interface CliOption {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder for the value in help (`--dataset D`); string options only. */
  value?: string;
  /** The value used when the option is left out, as the user would type it. */
  default?: string;
  /** The values the option accepts, when it is a closed list. */
  choices?: readonly string[];
  zh: string;
  en: string;
}

export type CliOptionSpecs = Record<string, CliOption>;

type OptionExtras = Pick<CliOption, 'short' | 'multiple' | 'default' | 'choices'>;

/** A string option: `arg('COL', '客户列', 'customer column', { default: 'x' })`. */
export function arg(value: string, zh: string, en: string, extras: OptionExtras = {}): CliOption {
  return { type: 'string', value, zh, en, ...extras };
}

/** A boolean switch. */
export function flag(zh: string, en: string, extras: Pick<CliOption, 'short'> = {}): CliOption {
  return { type: 'boolean', zh, en, ...extras };
}

/** The node:util parseArgs configuration of a set of option definitions. */
export function parserOptions(specs: CliOptionSpecs): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
}

/** Options shared by every command. */
export const COMMON_OPTIONS: CliOptionSpecs = {
  project: arg('P', '项目文件（.kequn）', 'project file (.kequn)', { short: 'p' }),
  json: flag('输出 JSON（出错时也输出 JSON，退出码 2）', 'print JSON (errors too, with exit code 2)'),
  lang: arg('zh|en', '输出语言（默认按系统 LANG，否则中文）', 'output language (default from LANG, else Chinese)', { choices: ['zh', 'en'] }),
  help: flag('显示本帮助', 'show this help', { short: 'h' }),
};

/** Options many commands share, described once. */
export const DATASET_OPTION = arg('D', '数据集 id（见 kequn datasets）', 'dataset id (see kequn datasets)');
export const NAME_OPTION = arg('N', '新结果的名称（默认自动命名）', 'name of the new result (default: named automatically)');
export const PREVIEW_OPTION = flag('只预览，不保存', 'preview only, save nothing');
