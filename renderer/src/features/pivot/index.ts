import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { PivotView } from './pivot-view';
import { pivotParams } from './pivot-params';
import { PIVOT_NS, pivotStrings } from './strings';

addFeatureStrings(PIVOT_NS, pivotStrings);

registerView({
  id: 'pivot',
  title: { zh: pivotStrings['zh-CN'].title, en: pivotStrings.en.title },
  scope: 'dataset',
  params: pivotParams,
  component: PivotView,
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    pivot: typeof pivotParams;
  }
}
