import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { ImportView } from './import-view';
import { importParams } from './import-params';
import { IMPORT_NS, importStrings } from './strings';

addFeatureStrings(IMPORT_NS, importStrings);

registerView({
  id: 'import',
  title: { zh: importStrings['zh-CN'].title, en: importStrings.en.title },
  scope: 'project',
  params: importParams,
  component: ImportView,
  tabKey: (p) => p.path ?? '',
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    import: typeof importParams;
  }
}
