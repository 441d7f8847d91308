import type { SegmentTemplate, TemplateKind } from '../../../shared/contract/segment';
import type { JsonValue } from '../../../shared/contract/json';
import { KequnError } from '../../../shared/contract/errors';
import type { ProjectStore } from '../store/project-store';
import { BUILTIN_TEMPLATES } from './templates-builtin';

interface TemplateRow {
  id: string;
  kind: string;
  name: string;
  description: string;
  definition_json: string;
  created_at: string;
}

/** Built-in templates first, then the user's own (stored in the project file). */
export function listTemplates(store: ProjectStore): SegmentTemplate[] {
  const rows = store.db.prepare('SELECT * FROM segment_templates ORDER BY seq').all() as TemplateRow[];
  return [...BUILTIN_TEMPLATES, ...rows.map(toTemplate)];
}

export function getTemplate(store: ProjectStore, id: string): SegmentTemplate {
  const t = listTemplates(store).find((x) => x.id === id);
  if (!t) throw new KequnError('NOT_FOUND', `Template not found: ${id}`, { zh: `未找到模板：${id}`, details: { template: id } });
  return t;
}

export function insertTemplate(store: ProjectStore, spec: { kind: TemplateKind; name: string; description: string; definition: JsonValue }): SegmentTemplate {
  const seq = ((store.db.prepare('SELECT max(seq) FROM segment_templates').pluck().get() as number | null) ?? 0) + 1;
  const id = `u${seq}`;
  store.db
    .prepare('INSERT INTO segment_templates (id, seq, kind, name, description, definition_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, seq, spec.kind, spec.name, spec.description, JSON.stringify(spec.definition), new Date().toISOString());
  return getTemplate(store, id);
}

export function deleteTemplate(store: ProjectStore, id: string): boolean {
  if (BUILTIN_TEMPLATES.some((t) => t.id === id)) {
    throw new KequnError('SEGMENT_INVALID', `Built-in template ${id} cannot be removed`, { zh: `内置模板“${id}”不能删除`, details: { template: id } });
  }
  return store.db.prepare('DELETE FROM segment_templates WHERE id = ?').run(id).changes > 0;
}

function toTemplate(r: TemplateRow): SegmentTemplate {
  return {
    id: r.id,
    builtIn: false,
    kind: r.kind as TemplateKind,
    name: { zh: r.name, en: r.name },
    description: { zh: r.description, en: r.description },
    slots: [],
    definition: JSON.parse(r.definition_json) as JsonValue,
    createdAt: r.created_at,
  };
}
