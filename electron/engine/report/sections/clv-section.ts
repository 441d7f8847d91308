import { findClvModelBySegmentation } from '../../store/clv-model-store';
import { writeClvSheet } from '../clv-sheet';
import type { ReportSection } from '../report-context';

/** 客户价值预测: for a CLV tiers segmentation, the fitted models, tracking and tiers of the model that wrote it. */
export const clvSection: ReportSection = {
  sheet: 'clv',
  write(ctx) {
    if (ctx.data.segmentation.method !== 'clv') return;
    const model = findClvModelBySegmentation(ctx.store, ctx.data.segmentation.id);
    if (!model) {
      ctx.warn(ctx.lang === 'zh' ? '未找到写入该分层的客户价值模型，已跳过“客户价值预测”表。' : 'The customer value model behind these tiers was not found; the customer value sheet is skipped.');
      return;
    }
    ctx.pictures(writeClvSheet(ctx.wb, (title) => ctx.addSheet(title), model, ctx.lang));
  },
};
