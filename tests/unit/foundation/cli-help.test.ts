import { describe, expect, it } from 'vitest';
import { commands } from '../../../electron/engine/cli/commands/index';
import { commandHelp } from '../../../electron/engine/cli/help';
import { COMMON_OPTIONS, parserOptions } from '../../../electron/engine/cli/options';
import { runCli } from '../../../electron/engine/cli/run-cli';

async function help(args: string[]): Promise<string> {
  let out = '';
  await runCli(args, { stdout: (t) => (out += t), stderr: () => undefined });
  return out;
}

/** The line of `--help` that documents one option. */
function optionLine(text: string, name: string): string | undefined {
  return text.split('\n').find((l) => new RegExp(`^ {2}--${name}(,| |$)`).test(l));
}

describe('kequn <command> --help is generated from the option definitions the parser uses', () => {
  for (const command of commands) {
    it(`${command.name}: every parser option has a description and a line in the help, in Chinese and English`, async () => {
      const parsed = Object.keys(parserOptions({ ...COMMON_OPTIONS, ...command.options }));
      for (const [name, spec] of Object.entries({ ...COMMON_OPTIONS, ...command.options })) {
        expect(spec.zh.trim(), `--${name} has no Chinese description`).not.toBe('');
        expect(spec.en.trim(), `--${name} has no English description`).not.toBe('');
        if (spec.type === 'string') expect(spec.value?.trim(), `--${name} has no value placeholder`).toBeTruthy();
      }
      for (const lang of ['zh', 'en'] as const) {
        const text = await help([command.name, '--help', '--lang', lang]);
        expect(text).toBe(commandHelp(command, lang));
        for (const name of parsed) {
          const line = optionLine(text, name);
          expect(line, `${command.name} --help (${lang}) omits --${name}`).toBeDefined();
          const spec = command.options[name] ?? COMMON_OPTIONS[name]!;
          expect(line).toContain(lang === 'zh' ? spec.zh : spec.en);
          if (spec.default !== undefined) expect(line).toContain(spec.default);
        }
      }
    });
  }

  it('segment --help lists the options the issue found missing, with defaults and conventions', async () => {
    const en = await help(['segment', '--help', '--lang', 'en']);
    for (const name of ['cuts-r', 'cuts-f', 'cuts-m', 'value', 'shares', 'labels', 'transactions', 'period', 'tenure', 'first', 'asof']) expect(optionLine(en, name)).toBeDefined();
    expect(optionLine(en, 'shares')).toContain('default 80,15,5');
    expect(optionLine(en, 'cuts-r')).toContain('ties to the lower bin');
    const zh = await help(['segment', '--help', '--lang', 'zh']);
    expect(optionLine(zh, 'threshold')).toContain('默认 mean');
    expect(optionLine(zh, 'cuts-r')).toContain('并列归入较低一档');
  });

  it('an option the parser accepts cannot be left out of the help: a definition without a description fails the walk', () => {
    const spec = { ...COMMON_OPTIONS, extra: { type: 'string' as const, value: 'X', zh: '', en: '' } };
    expect(Object.keys(parserOptions(spec))).toContain('extra');
    expect(spec.extra.zh.trim()).toBe('');
  });
});
