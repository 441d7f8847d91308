import type { SegmentTemplate, TemplateKind } from '../../../shared/contract/segment';
import type { JsonValue } from '../../../shared/contract/json';
import { KequnError } from '../../../shared/contract/errors';
import type { ProjectStore } from '../store/project-store';
import { BUILTIN_TEMPLATES } from './templates-builtin';

/** Built-in templates first, then the user's own (stored in the project file). */
export function listTemplates(store: ProjectStore): SegmentTemplate[] {
  return [...BUILTIN_TEMPLATES, ...store.tables.templates.list()];
}

export function getTemplate(store: ProjectStore, id: string): SegmentTemplate {
  const t = listTemplates(store).find((x) => x.id === id);
  if (!t) throw new KequnError('NOT_FOUND', `Template not found: ${id}`, { zh: `未找到模板：${id}`, details: { template: id } });
  return t;
}

export function insertTemplate(store: ProjectStore, spec: { kind: TemplateKind; name: string; description: string; definition: JsonValue }): SegmentTemplate {
  const id = store.write(() => store.tables.templates.insert(spec));
  return getTemplate(store, id);
}

export function deleteTemplate(store: ProjectStore, id: string): boolean {
  if (BUILTIN_TEMPLATES.some((t) => t.id === id)) {
    throw new KequnError('SEGMENT_INVALID', `Built-in template ${id} cannot be removed`, { zh: `内置模板“${id}”不能删除`, details: { template: id } });
  }
  return store.write(() => store.tables.templates.remove(id));
}
