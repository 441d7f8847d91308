import { NO_PARAMS, registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { CleanView } from './clean-view';
import { CLEAN_NS, cleanStrings } from './strings';

addFeatureStrings(CLEAN_NS, cleanStrings);

registerView({
  id: 'clean',
  title: { zh: cleanStrings['zh-CN'].title, en: cleanStrings.en.title },
  scope: 'dataset',
  params: NO_PARAMS,
  component: CleanView,
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    clean: typeof NO_PARAMS;
  }
}
