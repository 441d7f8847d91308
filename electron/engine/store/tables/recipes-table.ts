import type Database from 'better-sqlite3';
import { z } from 'zod';
import { cleanOperationSchema, type CleanOperation, type CleanRecipe } from '../../../../shared/contract/clean';
import { KequnError } from '../../../../shared/contract/errors';

interface RecipeRow {
  id: string;
  name: string;
  source_dataset_id: string | null;
  operations_json: string;
  created_at: string;
}

const operationsSchema = z.array(cleanOperationSchema);

/** The `clean_recipes` table: saved sequences of cleaning operations. */
export class RecipesTable {
  constructor(private readonly db: Database.Database) {}

  insert(name: string, sourceDatasetId: string, operations: CleanOperation[]): string {
    const seq = ((this.db.prepare('SELECT count(*) FROM clean_recipes').pluck().get() as number) ?? 0) + 1;
    const id = `r${seq}-${Date.now().toString(36)}`;
    this.db
      .prepare('INSERT INTO clean_recipes (id, name, source_dataset_id, operations_json, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, name, sourceDatasetId, JSON.stringify(operations), new Date().toISOString());
    return id;
  }

  get(idOrName: string): CleanRecipe {
    const row = (this.db.prepare('SELECT * FROM clean_recipes WHERE id = ?').get(idOrName) ??
      this.db.prepare('SELECT * FROM clean_recipes WHERE name = ? ORDER BY created_at DESC LIMIT 1').get(idOrName)) as RecipeRow | undefined;
    if (!row) throw new KequnError('NOT_FOUND', `Recipe not found: ${idOrName}`, { zh: `未找到清洗配方：${idOrName}`, details: { recipe: idOrName } });
    return toRecipe(row);
  }

  list(): CleanRecipe[] {
    return (this.db.prepare('SELECT * FROM clean_recipes ORDER BY created_at').all() as RecipeRow[]).map(toRecipe);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM clean_recipes WHERE id = ?').run(id).changes > 0;
  }
}

function toRecipe(r: RecipeRow): CleanRecipe {
  return {
    id: r.id,
    name: r.name,
    sourceDatasetId: r.source_dataset_id,
    operations: operationsSchema.parse(JSON.parse(r.operations_json)),
    createdAt: r.created_at,
  };
}
