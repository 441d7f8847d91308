import { addCustomerPlaceholders } from '../customer-sheets';
import type { ReportContext, ReportSection } from '../report-context';
import { t } from '../report-text';

/** 客户名单: placeholders now; the rows are streamed from the project into the package at the end. */
export const customersSection: ReportSection = {
  sheet: 'customers',
  write(ctx: ReportContext): void {
    ctx.customers = addCustomerPlaceholders(ctx.store, ctx.data, ctx.lang, () => ctx.addSheet(t('customers', ctx.lang)));
  },
};
