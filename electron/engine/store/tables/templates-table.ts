import type Database from 'better-sqlite3';
import { z } from 'zod';
import { jsonValueSchema, type JsonValue } from '../../../../shared/contract/json';
import { TEMPLATE_KINDS, type SegmentTemplate, type TemplateKind } from '../../../../shared/contract/segment';

interface TemplateRow {
  id: string;
  kind: string;
  name: string;
  description: string;
  definition_json: string;
  created_at: string;
}

const kindSchema = z.enum(TEMPLATE_KINDS);

/** The `segment_templates` table: the user's own schemes kept as templates. */
export class TemplatesTable {
  constructor(private readonly db: Database.Database) {}

  list(): SegmentTemplate[] {
    return (this.db.prepare('SELECT * FROM segment_templates ORDER BY seq').all() as TemplateRow[]).map(toTemplate);
  }

  insert(spec: { kind: TemplateKind; name: string; description: string; definition: JsonValue }): string {
    const seq = ((this.db.prepare('SELECT max(seq) FROM segment_templates').pluck().get() as number | null) ?? 0) + 1;
    const id = `u${seq}`;
    this.db
      .prepare('INSERT INTO segment_templates (id, seq, kind, name, description, definition_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, seq, spec.kind, spec.name, spec.description, JSON.stringify(spec.definition), new Date().toISOString());
    return id;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM segment_templates WHERE id = ?').run(id).changes > 0;
  }
}

function toTemplate(r: TemplateRow): SegmentTemplate {
  return {
    id: r.id,
    builtIn: false,
    kind: kindSchema.parse(r.kind),
    name: { zh: r.name, en: r.name },
    description: { zh: r.description, en: r.description },
    slots: [],
    definition: jsonValueSchema.parse(JSON.parse(r.definition_json)),
    createdAt: r.created_at,
  };
}
