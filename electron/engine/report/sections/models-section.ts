import { collectModelNotes, hasModelNotes, writeModelNotes } from '../../models/model-sheet';
import type { ReportSection } from '../report-context';

/** 模型说明: decision-tree rules, factor loadings and dendrograms of the models behind this segmentation. */
export const modelsSection: ReportSection = {
  sheet: 'models',
  write(ctx) {
    const notes = collectModelNotes(ctx.store, ctx.data.segmentation, ctx.inputs.models ? [...ctx.inputs.models] : undefined);
    if (!hasModelNotes(notes)) return;
    ctx.pictures(writeModelNotes(ctx.wb, () => ctx.addSheet(ctx.lang === 'zh' ? '模型说明' : 'Model notes'), notes, ctx.lang));
  },
};
