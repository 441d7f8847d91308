import type { z } from 'zod';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { ParamsOut } from '../../../shared/contract/index';
import type { JsonValue } from '../../../shared/contract/json';
import {
  lifecycleDefinitionSchema,
  paretoDefinitionSchema,
  rfm8DefinitionSchema,
  type SegmentRunResult,
  type SegmentTemplate,
  type TemplateKind,
} from '../../../shared/contract/segment';
import { ruleSchemeSchema, tagSetSchema } from '../../../shared/contract/segment-schemes';
import { getSegmentation } from '../store/segmentation-store';
import type { ProjectStore } from '../store/project-store';
import { hasColumn } from './dataset-access';
import { computeLifecycle } from './lifecycle';
import { computePareto } from './pareto';
import { persist, type SegmentOutcome } from './persist';
import { computeRfm8 } from './rfm8';
import { computeRules } from './rules';
import { segmentInvalid } from './segment-error';
import { applyTags } from './tags';
import { getTemplate, insertTemplate } from './template-store';
import type { SegmentWork } from './work';

const SCHEMAS: Record<TemplateKind, z.ZodType> = {
  rfm8: rfm8DefinitionSchema,
  pareto: paretoDefinitionSchema,
  lifecycle: lifecycleDefinitionSchema,
  rules: ruleSchemeSchema,
  tags: tagSetSchema,
};

/** Validates a template definition for its kind (SEGMENT_INVALID with the zod reason). */
export function parseDefinition<T>(kind: TemplateKind, definition: unknown): T {
  const r = SCHEMAS[kind].safeParse(definition);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw segmentInvalid(`Invalid ${kind} definition at ${path || '(root)'}: ${issue?.message ?? ''}`, `${kind} 方案定义无效（${path || '根'}）`, { kind, path });
  }
  return r.data as T;
}

/** Slot → column name: the user's mapping, else the first candidate the dataset has. */
function resolveSlots(t: SegmentTemplate, ds: DatasetInfo, columnMap: Record<string, string> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of t.slots) {
    const chosen = columnMap?.[s.slot] ?? s.candidates.find((c) => hasColumn(ds, c));
    if (chosen !== undefined) out.set(s.slot, chosen);
    else if (!s.optional) {
      throw segmentInvalid(
        `Template ${t.id} needs a column for "${s.label.en}" (tried ${s.candidates.join(', ')})`,
        `模板需要“${s.label.zh}”列（已尝试：${s.candidates.join('、')}），请指定对应的列`,
        { slot: s.slot, candidates: s.candidates },
      );
    }
  }
  return out;
}

const RULE_COLUMN_KEYS = new Set(['column', 'fromColumn']);
/** Every field of any definition kind that names a column (for renaming a user template's columns). */
const ANY_COLUMN_KEYS = new Set([
  ...RULE_COLUMN_KEYS,
  'r',
  'f',
  'm',
  'valueColumn',
  'recencyColumn',
  'frequencyColumn',
  'tenureColumn',
  'firstPurchaseColumn',
  'previousColumn',
  'recentColumn',
  'revenueColumn',
]);

/** Replaces names (slots, or a user template's own column names) in column-naming fields. */
function substitute(v: JsonValue, names: Map<string, string>, keys: ReadonlySet<string> = RULE_COLUMN_KEYS): JsonValue {
  if (Array.isArray(v)) return v.map((x) => substitute(x, names, keys));
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, keys.has(k) && typeof x === 'string' ? (names.get(x) ?? x) : substitute(x, names, keys)]),
  );
}

function withColumns(t: SegmentTemplate, slots: Map<string, string>): JsonValue {
  const def = (t.definition ?? {}) as { [k: string]: JsonValue };
  const pick = (slot: string): Record<string, string> => (slots.has(slot) ? { [slot]: slots.get(slot)! } : {});
  switch (t.kind) {
    case 'rfm8': {
      if (slots.size === 0) return def;
      const base = (def.columns ?? {}) as Record<string, string>;
      return { ...def, columns: { ...base, ...pick('r'), ...pick('f'), ...pick('m') } };
    }
    case 'pareto':
      return slots.has('value') ? { ...def, valueColumn: slots.get('value')! } : def;
    case 'lifecycle': {
      const map: [string, string][] = [
        ['recency', 'recencyColumn'],
        ['frequency', 'frequencyColumn'],
        ['tenure', 'tenureColumn'],
        ['firstPurchase', 'firstPurchaseColumn'],
      ];
      const out: { [k: string]: JsonValue } = { ...def };
      for (const [slot, field] of map) if (slots.has(slot)) out[field] = slots.get(slot)!;
      return out;
    }
    default:
      return substitute(def, slots);
  }
}

export async function applyTemplate(work: SegmentWork, p: ParamsOut<'segment.templates.apply'>): Promise<SegmentRunResult> {
  const t = getTemplate(work.store, p.templateId);
  const ds = work.store.getDataset(p.datasetId);
  // Built-in templates map slots; a user's template has no slots, so columnMap renames its own columns.
  const definition =
    t.slots.length === 0 && p.columnMap ? substitute(t.definition, new Map(Object.entries(p.columnMap)), ANY_COLUMN_KEYS) : withColumns(t, resolveSlots(t, ds, p.columnMap));
  if (t.kind === 'tags') {
    const tags = await applyTags(work, ds.id, parseDefinition(t.kind, definition), p.preview);
    return { segmentation: null, segments: [], unassigned: 0, details: { tags: tags.tags.map((x) => ({ ...x })), taggedCustomers: tags.taggedCustomers } };
  }
  let outcome: SegmentOutcome;
  if (t.kind === 'rfm8') outcome = await computeRfm8(work, ds.id, parseDefinition(t.kind, definition));
  else if (t.kind === 'pareto') outcome = await computePareto(work, ds.id, parseDefinition(t.kind, definition));
  else if (t.kind === 'lifecycle') outcome = await computeLifecycle(work, ds.id, parseDefinition(t.kind, definition));
  else outcome = await computeRules(work, ds.id, parseDefinition(t.kind, definition));
  const name = p.name ?? t.name.zh;
  return persist(
    work,
    { datasetId: ds.id, method: 'template', name, preview: p.preview },
    { ...outcome, definition: { templateId: t.id, kind: t.kind, definition, computed: outcome.definition } },
  );
}

const METHOD_KIND: Partial<Record<string, TemplateKind>> = { rfm8: 'rfm8', pareto: 'pareto', lifecycle: 'lifecycle', rules: 'rules' };

/** Saves a user's scheme as a template: from a saved segmentation, or a kind + definition. */
export function saveTemplate(store: ProjectStore, p: ParamsOut<'segment.templates.save'>): SegmentTemplate {
  let kind: TemplateKind;
  let definition: unknown;
  if (p.fromSegmentationId !== undefined) {
    const seg = getSegmentation(store, p.fromSegmentationId);
    const def = (seg.definition ?? {}) as { [k: string]: JsonValue };
    if (seg.method === 'template') {
      kind = def.kind as TemplateKind;
      definition = def.definition;
    } else if (METHOD_KIND[seg.method]) {
      kind = METHOD_KIND[seg.method]!;
      definition = kind === 'rules' ? def.scheme : stripRecorded(def);
    } else {
      throw segmentInvalid(`A ${seg.method} segmentation cannot be saved as a rule template`, `“${seg.method}”细分不能保存为规则模板`, { method: seg.method });
    }
  } else {
    if (p.kind === undefined || p.definition === undefined) {
      throw segmentInvalid('Give fromSegmentationId, or kind and definition', '请指定来源细分，或同时给出类型和定义', {});
    }
    kind = p.kind;
    definition = p.definition;
  }
  const parsed = parseDefinition<JsonValue>(kind, definition);
  return insertTemplate(store, { kind, name: p.name, description: p.description ?? '', definition: JSON.parse(JSON.stringify(parsed)) as JsonValue });
}

/** Drops what persist/builders added (dates, resolved roles, nulls for absent options). */
function stripRecorded(def: { [k: string]: JsonValue }): { [k: string]: JsonValue } {
  return Object.fromEntries(Object.entries(def).filter(([k, v]) => v !== null && k !== 'savedAt' && k !== 'roles'));
}
