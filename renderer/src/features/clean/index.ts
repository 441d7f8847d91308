import { registerView } from '../../app/view-registry';
import { cleanParams } from './clean-params';
import { addFeatureStrings } from '../../i18n/index';
import { CleanView } from './clean-view';
import { CLEAN_NS, cleanStrings } from './strings';
import { CHANGE_TYPE_NS, changeTypeStrings } from './change-type-strings';

addFeatureStrings(CLEAN_NS, cleanStrings);
addFeatureStrings(CHANGE_TYPE_NS, changeTypeStrings);

registerView({
  id: 'clean',
  title: { zh: cleanStrings['zh-CN'].title, en: cleanStrings.en.title },
  scope: 'dataset',
  params: cleanParams,
  component: CleanView,
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    clean: typeof cleanParams;
  }
}
