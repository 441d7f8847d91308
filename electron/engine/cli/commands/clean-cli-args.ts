import type { CleanOperationIn } from '../../../../shared/contract/clean';
import { KequnError } from '../../../../shared/contract/errors';
import type { CliValues } from '../command';
import { shapingOperationFromArgs } from './clean-shaping-args';

/** "a,b" → ["a","b"] (also accepts the Chinese comma). */
export function listArg(values: CliValues, name: string): string[] {
  const v = values[name];
  if (typeof v !== 'string') return [];
  return v
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function stringArg(values: CliValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function requireArg(values: CliValues, name: string): string {
  const v = stringArg(values, name);
  if (v === undefined) throw new KequnError('USAGE', `Missing --${name}`, { zh: `缺少参数 --${name}` });
  return v;
}

/** "北京市=北京,Beijing=北京" → mapping rows. */
function mappingArg(values: CliValues): { from: string; to: string }[] {
  return listArg(values, 'map').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new KequnError('USAGE', `--map entries look like from=to, got "${pair}"`, { zh: `--map 的每一项应为 原值=新值，实际为“${pair}”` });
    return { from: pair.slice(0, eq), to: pair.slice(eq + 1) };
  });
}

/**
 * Keyword rules from `--rules`: entries separated by ";" or new lines (commas belong to the
 * patterns), each [contains:|starts:|regex:]PATTERN=CATEGORY; contains by default.
 */
function keywordRulesArg(values: CliValues): { match: 'contains' | 'startsWith' | 'regex'; pattern: string; category: string }[] {
  const text = requireArg(values, 'rules');
  return text
    .split(/[;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((entry) => {
      const eq = entry.lastIndexOf('=');
      if (eq <= 0) throw new KequnError('VALIDATION', `--rules entries look like pattern=category, got "${entry}"`, { zh: `--rules 的每一项应为 关键词=类别，实际为“${entry}”` });
      const head = entry.slice(0, eq);
      const kind = head.match(/^(contains|starts|regex):/)?.[1];
      const match = kind === 'regex' ? 'regex' : kind === 'starts' ? 'startsWith' : 'contains';
      return { match, pattern: kind ? head.slice(kind.length + 1) : head, category: entry.slice(eq + 1).trim() };
    });
}

/**
 * The cleaning operation from the command line: `--op JSON` (the contract's shape) or the
 * operation name as a positional with flags. Validation is left to the contract (zod).
 */
export function operationFromArgs(opName: string, values: CliValues): CleanOperationIn {
  const json = stringArg(values, 'op');
  if (json !== undefined) {
    try {
      return JSON.parse(json) as CleanOperationIn;
    } catch {
      throw new KequnError('USAGE', '--op is not valid JSON', { zh: '--op 不是有效的 JSON' });
    }
  }
  const num = (name: string): number | undefined => (stringArg(values, name) === undefined ? undefined : Number(stringArg(values, name)));
  switch (opName) {
    case 'dedupe':
      return { op: 'dedupe', keys: listArg(values, 'keys'), keep: (stringArg(values, 'keep') ?? 'first') as 'first' | 'last' };
    case 'text':
      return { op: 'text', columns: listArg(values, 'columns'), case: (stringArg(values, 'case') ?? 'keep') as 'keep' | 'upper' | 'lower' };
    case 'replace':
      return {
        op: 'replace',
        columns: listArg(values, 'columns'),
        find: requireArg(values, 'find'),
        replace: stringArg(values, 'replace') ?? '',
        mode: (stringArg(values, 'mode') ?? 'contains') as 'exact' | 'contains' | 'regex',
        caseSensitive: values['ignore-case'] !== true,
      };
    case 'change-type':
    {
      const order = stringArg(values, 'date-order');
      if (order !== undefined && order !== 'mdy' && order !== 'dmy') throw new KequnError('USAGE', '--date-order is mdy or dmy', { zh: '--date-order 只能是 mdy 或 dmy' });
      return { op: 'changeType', column: requireArg(values, 'column'), type: requireArg(values, 'type') as 'decimal', ...(order ? { dateOrder: order } : {}) };
    }
    case 'missing': {
      const value = stringArg(values, 'value');
      return {
        op: 'missing',
        columns: listArg(values, 'columns'),
        action: requireArg(values, 'action') as 'drop',
        ...(value === undefined ? {} : { value }),
      };
    }
    case 'outliers': {
      const threshold = num('threshold');
      return {
        op: 'outliers',
        column: requireArg(values, 'column'),
        method: (stringArg(values, 'method') ?? 'iqr') as 'iqr' | 'zscore',
        action: (stringArg(values, 'action') ?? 'flag') as 'flag' | 'cap' | 'remove',
        ...(threshold === undefined ? {} : { threshold }),
      };
    }
    case 'map':
      return { op: 'mapValues', column: requireArg(values, 'column'), mapping: mappingArg(values) };
    case 'keyword-category': {
      const name = stringArg(values, 'name');
      const other = stringArg(values, 'other');
      return {
        op: 'keywordCategory',
        column: requireArg(values, 'column'),
        rules: keywordRulesArg(values),
        caseSensitive: values['case-sensitive'] === true,
        ...(name ? { name } : {}),
        ...(other ? { otherLabel: other } : {}),
      };
    }
    case 'formula':
      return { op: 'formula', formula: requireArg(values, 'formula'), name: requireArg(values, 'name') };
    default: {
      const shaping = shapingOperationFromArgs(opName, values);
      if (shaping) return shaping;
      throw new KequnError('USAGE', `Unknown cleaning operation "${opName}"`, {
        zh: `未知的清洗操作“${opName}”`,
        details: { available: ['dedupe', 'text', 'replace', 'change-type', 'missing', 'outliers', 'map', 'keyword-category', 'formula', 'split', 'merge', 'edit', 'fill-down', 'delete-rows', 'insert-rows'] },
      });
    }
  }
}
