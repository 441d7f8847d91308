import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { SqlExportView } from './sql-export-view';
import { SQL_NS, sqlStrings } from './strings';

addFeatureStrings(SQL_NS, sqlStrings);

registerView({ id: 'sql-export', title: { zh: sqlStrings['zh-CN'].title, en: sqlStrings.en.title }, scope: 'project', component: SqlExportView });

export { SqlButton } from './sql-button';
