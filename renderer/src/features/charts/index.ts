import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { ChartsView } from './charts-view';
import { chartsParams } from './charts-params';
import { CHARTS_NS, chartsStrings } from './strings';

addFeatureStrings(CHARTS_NS, chartsStrings);

registerView({
  id: 'charts',
  title: { zh: chartsStrings['zh-CN'].title, en: chartsStrings.en.title },
  scope: 'dataset',
  params: chartsParams,
  component: ChartsView,
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    charts: typeof chartsParams;
  }
}
