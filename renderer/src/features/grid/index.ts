import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { GridView } from './grid-view';
import { gridParams } from './grid-params';
import { GRID_NS, gridStrings } from './strings';

addFeatureStrings(GRID_NS, gridStrings);

registerView({
  id: 'grid',
  title: { zh: gridStrings['zh-CN'].title, en: gridStrings.en.title },
  scope: 'dataset',
  params: gridParams,
  component: GridView,
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    grid: typeof gridParams;
  }
}
