import type { CliCommand } from './command';
import { COMMON_OPTIONS, type CliOption, type CliOptionSpecs } from './options';

type Lang = 'zh' | 'en';

function head(name: string, o: CliOption): string {
  const short = o.short ? `, -${o.short}` : '';
  const value = o.type === 'string' ? ` ${o.value ?? 'X'}` : '';
  return `--${name}${short}${value}`;
}

function notes(o: CliOption, lang: Lang): string {
  const parts: string[] = [];
  const listedInValue = o.choices !== undefined && o.value === o.choices.join('|');
  if (o.choices && !listedInValue) parts.push(lang === 'zh' ? `可选 ${o.choices.join('、')}` : `one of ${o.choices.join(', ')}`);
  if (o.default !== undefined) parts.push(lang === 'zh' ? `默认 ${o.default}` : `default ${o.default}`);
  if (o.multiple) parts.push(lang === 'zh' ? '可重复' : 'repeatable');
  if (parts.length === 0) return '';
  return lang === 'zh' ? `（${parts.join('；')}）` : ` (${parts.join('; ')})`;
}

/** One line per option: the flag, its value placeholder, the description, allowed values and default. */
export function optionLines(specs: CliOptionSpecs, lang: Lang): string[] {
  const entries = Object.entries(specs);
  const width = Math.min(30, Math.max(0, ...entries.map(([n, o]) => head(n, o).length)));
  return entries.map(([name, o]) => {
    const h = head(name, o);
    const pad = h.length >= width ? `${h}  ` : h.padEnd(width + 2);
    return `  ${pad}${lang === 'zh' ? o.zh : o.en}${notes(o, lang)}`;
  });
}

/** `kequn <name> --help`: usage, summary, every option (generated from the parser's definitions), then details. */
export function commandHelp(command: CliCommand, lang: Lang): string {
  const zh = lang === 'zh';
  const own = Object.keys(command.options).length > 0 ? [zh ? '选项：' : 'Options:', ...optionLines(command.options, lang), ''] : [];
  const sections = [
    command.usage,
    zh ? command.summary.zh : command.summary.en,
    '',
    ...own,
    zh ? '通用选项：' : 'Common options:',
    ...optionLines(COMMON_OPTIONS, lang),
    ...(command.details ? ['', zh ? command.details.zh : command.details.en] : []),
  ];
  return `${sections.join('\n')}\n`;
}
