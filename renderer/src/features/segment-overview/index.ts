import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { SegmentOverviewView } from './segment-overview-view';
import { OVERVIEW_SEG_NS, segmentOverviewStrings } from './strings';

addFeatureStrings(OVERVIEW_SEG_NS, segmentOverviewStrings);

registerView({
  id: 'segment-overview',
  title: { zh: segmentOverviewStrings['zh-CN'].title, en: segmentOverviewStrings.en.title },
  scope: 'project',
  component: SegmentOverviewView,
});
