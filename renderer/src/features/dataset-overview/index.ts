import { NO_PARAMS, registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { DatasetOverviewView, OVERVIEW_NS } from './dataset-overview-view';
import { overviewStrings } from './strings';

addFeatureStrings(OVERVIEW_NS, overviewStrings);

registerView({
  id: 'dataset-overview',
  title: { zh: overviewStrings['zh-CN'].title, en: overviewStrings.en.title },
  scope: 'dataset',
  params: NO_PARAMS,
  component: DatasetOverviewView,
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    'dataset-overview': typeof NO_PARAMS;
  }
}
