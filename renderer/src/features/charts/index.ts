import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { ChartsView } from './charts-view';
import { CHARTS_NS, chartsStrings } from './strings';

addFeatureStrings(CHARTS_NS, chartsStrings);

registerView({
  id: 'charts',
  title: { zh: chartsStrings['zh-CN'].title, en: chartsStrings.en.title },
  scope: 'dataset',
  component: ChartsView,
});
