import { registerView } from '../../app/view-registry';
import { segmentationParams } from '../analysis-common/segmentation-params';
import { addFeatureStrings } from '../../i18n/index';
import { SegmentOverviewView } from './segment-overview-view';
import { OVERVIEW_SEG_NS, segmentOverviewStrings } from './strings';

addFeatureStrings(OVERVIEW_SEG_NS, segmentOverviewStrings);

registerView({
  id: 'segment-overview',
  title: { zh: segmentOverviewStrings['zh-CN'].title, en: segmentOverviewStrings.en.title },
  scope: 'project',
  params: segmentationParams,
  component: SegmentOverviewView,
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    'segment-overview': typeof segmentationParams;
  }
}
