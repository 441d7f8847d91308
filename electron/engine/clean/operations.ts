import type { CleanOperation } from '../../../shared/contract/clean';
import type { ColumnInfo } from '../../../shared/contract/datasets';
import { planChangeType } from './ops/change-type';
import { planDedupe } from './ops/dedupe';
import { planEditCells } from './ops/edit-cells';
import { planFillDown } from './ops/fill-down';
import { planDeleteRows, planInsertRows } from './ops/grid-rows';
import { planFormulaColumn } from './ops/formula-column';
import { planKeywordCategory } from './ops/keyword-category';
import { planMapValues } from './ops/map-values';
import { planMerge } from './ops/merge';
import { planMissing } from './ops/missing';
import { planOutliers } from './ops/outliers';
import { planReplace } from './ops/replace';
import { planSplitRows } from './ops/split-rows';
import { planText } from './ops/text';
import type { OpContext, StepPlan } from './plan';
import { columnOf } from './table-data';

/** Analyses an operation against the dataset's current table; writes nothing. */
export function planOperation(op: CleanOperation, ctx: OpContext): Promise<StepPlan> {
  switch (op.op) {
    case 'dedupe':
      return planDedupe(op, ctx);
    case 'text':
      return planText(op, ctx);
    case 'replace':
      return planReplace(op, ctx);
    case 'changeType':
      return planChangeType(op, ctx);
    case 'missing':
      return planMissing(op, ctx);
    case 'outliers':
      return planOutliers(op, ctx);
    case 'mapValues':
      return planMapValues(op, ctx);
    case 'keywordCategory':
      return planKeywordCategory(op, ctx);
    case 'formula':
      return planFormulaColumn(op, ctx);
    case 'splitRows':
      return planSplitRows(op, ctx);
    case 'merge':
      return planMerge(op, ctx);
    case 'editCells':
      return planEditCells(op, ctx);
    case 'fillDown':
      return planFillDown(op, ctx);
    case 'deleteRows':
      return planDeleteRows(op, ctx);
    case 'insertRows':
      return planInsertRows(op, ctx);
  }
}

/** Rewrites every column reference of an operation (keys ↔ display names). */
export function mapColumnRefs(op: CleanOperation, fn: (ref: string) => string): CleanOperation {
  switch (op.op) {
    case 'dedupe':
      return { ...op, keys: op.keys.map(fn) };
    case 'text':
    case 'replace':
    case 'missing':
    case 'editCells':
    case 'fillDown':
      return { ...op, columns: op.columns.map(fn) };
    case 'changeType':
    case 'outliers':
    case 'mapValues':
    case 'keywordCategory':
    case 'splitRows':
      return { ...op, column: fn(op.column) };
    case 'merge':
      // Only this dataset's keys: the other dataset's columns are named as the user named them.
      return { ...op, on: op.on.map((k) => ({ ...k, left: fn(k.left) })) };
    case 'deleteRows':
    case 'insertRows':
      return op;
    case 'formula':
      // A formula names its columns by display name already, as a recipe replays them.
      return op;
  }
}

/** The operation as recorded in history and recipes: columns by display name. */
export function withColumnNames(op: CleanOperation, columns: ColumnInfo[]): CleanOperation {
  return mapColumnRefs(op, (ref) => columnOf(columns, ref).name);
}
