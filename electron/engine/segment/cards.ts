import type { DescriptionCard } from '../../../shared/contract/segment';
import type { JsonValue } from '../../../shared/contract/json';
import type { SegmentationInfo, SegmentSummary } from '../../../shared/contract/segmentations';
import type { ProjectStore } from '../store/project-store';
import { getSegmentation } from '../store/segmentation-store';
import { segmentInvalid } from './segment-error';

interface Roles {
  recency: string | null;
  frequency: string | null;
  monetary: string | null;
}

type Lang = 'zh' | 'en';

/**
 * Segment description cards (细分客户描述) in the seeds' order: basic status → behaviour →
 * value → needs, each sentence derived from the segment summary against the whole customer
 * base. Edited cards are stored and win over generated ones until regenerated.
 */
export function getCards(store: ProjectStore, segmentationId: string, regenerate: boolean, lang: Lang): DescriptionCard[] {
  const seg = getSegmentation(store, segmentationId);
  if (regenerate) store.write(() => store.tables.cards.clear(seg.id));
  const stored = new Map(store.tables.cards.list(seg.id).map((c) => [c.segment, c]));
  const overall = overallMeans(seg.segments);
  const roles = rolesOf(seg);
  return seg.segments.map((s) => {
    const saved = stored.get(s.name);
    if (saved) return { segment: s.name, status: saved.status, behaviour: saved.behaviour, value: saved.value, needs: saved.needs, edited: true };
    return { ...generate(s, overall, roles, lang), edited: false };
  });
}

export function saveCards(store: ProjectStore, segmentationId: string, cards: Omit<DescriptionCard, 'edited'>[], lang: Lang = 'zh'): DescriptionCard[] {
  const seg = getSegmentation(store, segmentationId);
  const names = new Set(seg.segments.map((s) => s.name));
  const unknown = cards.find((c) => !names.has(c.segment));
  if (unknown) throw segmentInvalid(`No segment named ${unknown.segment}`, `没有名为“${unknown.segment}”的细分`, { segment: unknown.segment });
  store.write(() => store.tables.cards.upsert(seg.id, cards));
  return getCards(store, seg.id, false, lang);
}

function rolesOf(seg: SegmentationInfo): Roles {
  const def = seg.definition as { [k: string]: JsonValue } | null;
  const roles = (def && typeof def === 'object' && !Array.isArray(def) ? def.roles : null) as { [k: string]: JsonValue } | null;
  const names = new Set(seg.segments.flatMap((s) => Object.keys(s.means)));
  const pick = (role: string, fallback: string): string | null => {
    const v = roles?.[role];
    if (typeof v === 'string') return v;
    return names.has(fallback) ? fallback : null;
  };
  return { recency: pick('recency', 'R'), frequency: pick('frequency', 'F'), monetary: pick('monetary', 'M') };
}

/** Count-weighted overall mean of each metric. */
function overallMeans(segments: SegmentSummary[]): Record<string, number | null> {
  const sums: Record<string, { s: number; n: number }> = {};
  for (const seg of segments) {
    for (const [k, v] of Object.entries(seg.means)) {
      const acc = (sums[k] ??= { s: 0, n: 0 });
      if (v !== null) {
        acc.s += v * seg.count;
        acc.n += seg.count;
      }
    }
  }
  return Object.fromEntries(Object.entries(sums).map(([k, a]) => [k, a.n === 0 ? null : a.s / a.n]));
}

const fmt = (v: number, digits = 1): string => v.toLocaleString('zh-CN', { maximumFractionDigits: digits });
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

function generate(s: SegmentSummary, overall: Record<string, number | null>, roles: Roles, lang: Lang): Omit<DescriptionCard, 'edited'> {
  const zh = lang === 'zh';
  const m = (name: string | null): [number, number] | null => {
    if (name === null) return null;
    const v = s.means[name];
    const o = overall[name];
    return v === null || v === undefined || o === null || o === undefined ? null : [v, o];
  };
  const status: string[] = [zh ? `共 ${s.count} 位客户，占全部客户的 ${pct(s.share)}` : `${s.count} customers, ${pct(s.share)} of all`];
  const r = m(roles.recency);
  if (r) status.push(zh ? `平均 ${fmt(r[0], 0)} 天未购买（整体 ${fmt(r[1], 0)} 天）` : `last purchase ${fmt(r[0], 0)} days ago on average (all: ${fmt(r[1], 0)})`);
  const behaviour: string[] = [];
  const f = m(roles.frequency);
  if (f) behaviour.push(zh ? `平均购买 ${fmt(f[0])} 次（整体 ${fmt(f[1])} 次）` : `${fmt(f[0])} orders on average (all: ${fmt(f[1])})`);
  for (const name of Object.keys(s.means)) {
    if (name === roles.recency || name === roles.frequency || name === roles.monetary) continue;
    const x = m(name);
    if (x) behaviour.push(zh ? `${name} 平均 ${fmt(x[0])}（整体 ${fmt(x[1])}）` : `${name} averages ${fmt(x[0])} (all: ${fmt(x[1])})`);
  }
  const value: string[] = [];
  if (s.revenueShare !== null) value.push(zh ? `贡献 ${pct(s.revenueShare)} 的销售额` : `${pct(s.revenueShare)} of revenue`);
  const mon = m(roles.monetary);
  if (mon && mon[1] !== 0) {
    value.push(zh ? `人均消费 ${fmt(mon[0], 2)}，是整体平均的 ${fmt(mon[0] / mon[1], 2)} 倍` : `spends ${fmt(mon[0], 2)} per customer, ${fmt(mon[0] / mon[1], 2)}× the average`);
  }
  const sep = zh ? '；' : '; ';
  return {
    segment: s.name,
    status: status.join(sep),
    behaviour: behaviour.join(sep),
    value: value.join(sep),
    needs: s.action ?? '',
  };
}
