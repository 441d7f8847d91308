import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { KequnError } from '../../../../shared/contract/errors';
import type { SegmentRunResult, SegmentWarning } from '../../../../shared/contract/segment';
import type { CliValues } from '../command';

export function str(values: CliValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function required(values: CliValues, name: string): string {
  const v = str(values, name);
  if (v === undefined) throw new KequnError('USAGE', `Missing --${name}`, { zh: `缺少参数 --${name}` });
  return v;
}

export function num(values: CliValues, name: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new KequnError('USAGE', `--${name} must be a number`, { zh: `--${name} 必须是数字` });
  return n;
}

export function numList(values: CliValues, name: string): number[] | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const list = v.split(',').map((x) => Number(x.trim()));
  if (list.some((x) => !Number.isFinite(x))) throw new KequnError('USAGE', `--${name} must be numbers separated by commas`, { zh: `--${name} 必须是逗号分隔的数字` });
  return list;
}

export function textList(values: CliValues, name: string): string[] | undefined {
  return str(values, name)
    ?.split(',')
    .map((x) => x.trim());
}

/** `slot=column,slot=column` → record. */
export function pairs(values: CliValues, name: string): Record<string, string> | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  return Object.fromEntries(
    v.split(',').map((kv) => {
      const i = kv.indexOf('=');
      if (i <= 0) throw new KequnError('USAGE', `--${name} expects slot=column pairs`, { zh: `--${name} 的格式应为 槽位=列名` });
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()];
    }),
  );
}

/** Reads a JSON file given on the command line (rule schemes, tag sets). */
export function jsonFile(path: string): unknown {
  const full = resolve(path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (cause) {
    throw new KequnError('FILE_NOT_FOUND', `Cannot read ${full}`, { zh: `无法读取文件：${full}`, details: { path: full }, cause });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (cause) {
    throw new KequnError('SEGMENT_INVALID', `Not valid JSON: ${full}`, { zh: `细分方案无效：不是有效的 JSON 文件：${full}`, details: { path: full }, cause });
  }
}

/** The CLI's result shape: {"segmentation":{"id"},"segments":[{"name","count","share","revenueShare"}]}. */
export function runOutput(r: SegmentRunResult): {
  segmentation: { id: string } | null;
  segments: { name: string; count: number; share: number; revenueShare: number | null }[];
  warnings?: SegmentWarning[];
} {
  return {
    segmentation: r.segmentation ? { id: r.segmentation.id } : null,
    segments: r.segments.map((s) => ({ name: s.name, count: s.count, share: s.share, revenueShare: s.revenueShare })),
    // Rules that could not be applied, said with a code (e.g. the lifecycle trend without transactions).
    ...(r.warnings?.length ? { warnings: r.warnings } : {}),
  };
}
