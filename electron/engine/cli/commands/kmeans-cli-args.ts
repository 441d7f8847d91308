import { CLUSTER_TRANSFORMS, type ClusterTransform } from '../../../../shared/contract/cluster';
import { defaultTransforms } from '../../../../shared/contract/cluster-defaults';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { KequnError } from '../../../../shared/contract/errors';
import type { ParamsIn } from '../../../../shared/contract/index';
import type { CliValues } from '../command';

function bad(en: string, zh: string): KequnError {
  return new KequnError('USAGE', en, { zh });
}

function text(values: CliValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

function integer(values: CliValues, name: string): number | undefined {
  const v = text(values, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw bad(`--${name} must be a whole number`, `--${name} 必须是整数`);
  return Number(v);
}

function transforms(values: CliValues): ClusterTransform[] | undefined {
  const v = text(values, 'transform');
  if (v === undefined) return undefined;
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const t of list) {
    if (!(CLUSTER_TRANSFORMS as readonly string[]).includes(t)) {
      throw bad(`Unknown transform "${t}" (use ${CLUSTER_TRANSFORMS.join(', ')})`, `未知的变换“${t}”（可用：${CLUSTER_TRANSFORMS.join('、')}）`);
    }
  }
  return list as ClusterTransform[];
}

export function featureColumns(values: CliValues): string[] {
  return text(values, 'columns')?.split(',').map((c) => c.trim()).filter(Boolean) ?? [];
}

/**
 * The parameters `kequn kmeans` sends: without --transform each column takes the contract's default
 * chain for its kind (log1p + z-score for money), as the cluster view does; every other default is
 * the contract's too (the schema fills what is left out).
 */
export function kmeansCommonParams(values: CliValues, datasetId: string, columns: ColumnInfo[]): ParamsIn<'cluster.scan'> {
  const names = featureColumns(values);
  if (names.length === 0) throw bad('Missing --columns a,b,c', '缺少参数 --columns a,b,c');
  const chain = transforms(values);
  const missing = text(values, 'missing') ?? 'drop';
  if (missing !== 'drop' && missing !== 'mean' && missing !== 'median') throw bad('--missing must be drop, mean or median', '--missing 只能是 drop、mean 或 median');
  const seed = integer(values, 'seed');
  const restarts = integer(values, 'restarts');
  const maxIterations = integer(values, 'max-iter');
  return {
    datasetId,
    features: names.map((column) => {
      const info = columns.find((c) => c.name === column) ?? columns.find((c) => c.key === column);
      // An unknown column keeps the numeric default; the engine names it in its error.
      return { column, transforms: chain ?? (info ? defaultTransforms(info) : ['zscore']) };
    }),
    missing,
    ...(seed !== undefined ? { seed } : {}),
    ...(restarts !== undefined ? { restarts } : {}),
    ...(maxIterations !== undefined ? { maxIterations } : {}),
  };
}

/** `--scan 2..10` → the k range; undefined without --scan. */
export function scanRange(values: CliValues): { kMin: number; kMax: number } | undefined {
  const scan = text(values, 'scan');
  if (scan === undefined) return undefined;
  const m = scan.match(/^(\d+)\.\.(\d+)$/);
  if (!m) throw bad('--scan must look like 2..10', '--scan 的格式应为 2..10');
  return { kMin: Number(m[1]), kMax: Number(m[2]) };
}

export function kArg(values: CliValues): number {
  const k = integer(values, 'k');
  if (k === undefined) throw bad('Missing --k N (or --scan 2..10)', '缺少参数 --k N（或 --scan 2..10）');
  return k;
}

export function nameArg(values: CliValues): string | undefined {
  return text(values, 'name');
}
