import { z } from 'zod';
import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { SqlExportView } from './sql-export-view';
import { SQL_NS, sqlStrings } from './strings';

addFeatureStrings(SQL_NS, sqlStrings);

/** The model to export, as the JSON of its SQL target (set by the 导出为 SQL buttons). */
export const sqlExportParams = z.object({ target: z.string().max(4000).optional() }).strict();

registerView({ id: 'sql-export', title: { zh: sqlStrings['zh-CN'].title, en: sqlStrings.en.title }, scope: 'project', params: sqlExportParams, component: SqlExportView });

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    'sql-export': typeof sqlExportParams;
  }
}

export { SqlButton } from './sql-button';
