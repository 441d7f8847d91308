import { CLUSTER_TRANSFORMS, type ClusterTransform } from '../../../../shared/contract/cluster';
import { KequnError } from '../../../../shared/contract/errors';
import type { CliContext } from '../command';

/** Argument helpers shared by the model commands (tree, kproto, hclust, factor). */
export function text(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function bad(en: string, zh: string): KequnError {
  return new KequnError('VALIDATION', en, { zh });
}

export function integer(ctx: CliContext, name: string): number | undefined {
  const v = text(ctx, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw bad(`--${name} must be a whole number`, `--${name} 必须是整数`);
  return Number(v);
}

export function decimal(ctx: CliContext, name: string): number | undefined {
  const v = text(ctx, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw bad(`--${name} must be a number`, `--${name} 必须是数字`);
  return n;
}

export function list(ctx: CliContext, name: string): string[] {
  return (text(ctx, name) ?? '').split(',').map((c) => c.trim()).filter(Boolean);
}

export function required(ctx: CliContext, name: string, hint: string): string {
  const v = text(ctx, name);
  if (!v) throw bad(`Missing --${name} ${hint}`, `缺少参数 --${name} ${hint}`);
  return v;
}

export function transforms(ctx: CliContext): ClusterTransform[] {
  const chain = list(ctx, 'transform');
  if (chain.length === 0) return ['zscore'];
  for (const t of chain) {
    if (!(CLUSTER_TRANSFORMS as readonly string[]).includes(t)) {
      throw bad(`Unknown transform "${t}" (use ${CLUSTER_TRANSFORMS.join(', ')})`, `未知的变换“${t}”（可用：${CLUSTER_TRANSFORMS.join('、')}）`);
    }
  }
  return chain as ClusterTransform[];
}

export function kRange(value: string): { kMin: number; kMax: number } {
  const m = value.match(/^(\d+)\.\.(\d+)$/);
  if (!m) throw bad('--scan must look like 2..8', '--scan 的格式应为 2..8');
  return { kMin: Number(m[1]), kMax: Number(m[2]) };
}

export function progress(ctx: CliContext) {
  return { onProgress: (p: { done: number; total: number | null; label: string }) => ctx.progress(p.label, p.done, p.total) };
}

export function pct(v: number | null): string {
  return v === null ? '-' : `${(v * 100).toFixed(1)}%`;
}
