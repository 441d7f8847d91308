import type { CleanOperation } from '../../../../shared/contract/clean';
import { evaluateFormula } from '../../metrics/formula-service';
import { rowPosition } from './row-position';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type StepPlan } from '../plan';

type FormulaOp = Extract<CleanOperation, { op: 'formula' }>;

/**
 * A calculated column as a cleaning step (recorded, previewed, undoable, replayed by recipes):
 * the formula language of metrics/formula, including XLOOKUP against another dataset, so
 * orders can carry their customer's segment. The referenced columns are shown in the preview.
 */
export async function planFormulaColumn(op: FormulaOp, ctx: OpContext): Promise<StepPlan> {
  const out = await evaluateFormula(ctx.store, ctx.snapshot, op.formula, ctx);
  const shown = ctx.columns.filter((c) => out.check.columns.includes(c.name)).map((c) => c.key);
  const plan = emptyPlan(shown);
  const position = rowPosition(out.rowIds);
  plan.newColumns.push({
    name: op.name,
    type: out.check.columnType,
    valueOf: (rowId) => {
      const i = position(rowId);
      const v = i === undefined ? null : (out.values[i] ?? null);
      return typeof v === 'boolean' ? (v ? 1 : 0) : v;
    },
  });
  plan.affectedRows = out.values.length - out.stats.blank;
  plan.sampleRowIds = out.rowIds.slice(0, SAMPLE_LIMIT);
  plan.report.figures = { rows: out.stats.rows, empty: out.stats.blank, divideByZero: out.stats.divideByZero, invalidInputs: out.stats.invalidInputs, type: out.check.columnType };
  return plan;
}
