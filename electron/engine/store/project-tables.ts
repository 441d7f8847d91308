import type Database from 'better-sqlite3';
import { CardsTable } from './tables/cards-table';
import { ClvModelsTable } from './tables/clv-models-table';
import { ModelsTable } from './tables/models-table';
import { ReportsTable } from './tables/reports-table';
import { PivotsTable } from './tables/pivots-table';
import { RecipesTable } from './tables/recipes-table';
import { SegmentationsTable } from './tables/segmentations-table';
import { StepsTable } from './tables/steps-table';
import { TagsTable } from './tables/tags-table';
import { TemplatesTable } from './tables/templates-table';

/** One module per table of project records; the store hands them out, nothing else holds the handle. */
export class ProjectTables {
  readonly segmentations: SegmentationsTable;
  readonly steps: StepsTable;
  readonly pivots: PivotsTable;
  readonly recipes: RecipesTable;
  readonly templates: TemplatesTable;
  readonly cards: CardsTable;
  readonly tags: TagsTable;
  readonly clvModels: ClvModelsTable;
  readonly models: ModelsTable;
  readonly reports: ReportsTable;

  constructor(db: Database.Database) {
    this.segmentations = new SegmentationsTable(db);
    this.steps = new StepsTable(db);
    this.pivots = new PivotsTable(db);
    this.recipes = new RecipesTable(db);
    this.templates = new TemplatesTable(db);
    this.cards = new CardsTable(db);
    this.tags = new TagsTable(db);
    this.clvModels = new ClvModelsTable(db);
    this.models = new ModelsTable(db);
    this.reports = new ReportsTable(db);
  }
}
