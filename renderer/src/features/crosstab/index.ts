import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { CrosstabView } from './crosstab-view';
import { crosstabParams } from './crosstab-params';
import { CROSSTAB_NS, crosstabStrings } from './strings';

addFeatureStrings(CROSSTAB_NS, crosstabStrings);

registerView({
  id: 'crosstab',
  title: { zh: crosstabStrings['zh-CN'].title, en: crosstabStrings.en.title },
  scope: 'dataset',
  params: crosstabParams,
  component: CrosstabView,
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    crosstab: typeof crosstabParams;
  }
}
