import { NO_PARAMS, registerView } from '../../app/view-registry';
import { segmentationParams } from '../analysis-common/segmentation-params';
import { addFeatureStrings } from '../../i18n/index';
import { SegmentBuilderView } from './builder-view';
import { SegmentMigrationView } from './migration-view';
import { SEGMENT_NS, segmentStrings } from './strings';
import { SegmentSummaryView } from './summary-view';
import { SegmentTagsView } from './tags-view';

addFeatureStrings(SEGMENT_NS, segmentStrings);

const zh = segmentStrings['zh-CN'];
const en = segmentStrings.en;

registerView({ id: 'segment-builder', title: { zh: zh.builderTitle, en: en.builderTitle }, scope: 'dataset', params: NO_PARAMS, component: SegmentBuilderView });
registerView({ id: 'segment-summary', title: { zh: zh.summaryTitle, en: en.summaryTitle }, scope: 'dataset', params: segmentationParams, component: SegmentSummaryView });
registerView({ id: 'segment-migration', title: { zh: zh.migrationTitle, en: en.migrationTitle }, scope: 'project', params: NO_PARAMS, component: SegmentMigrationView });
registerView({ id: 'segment-tags', title: { zh: zh.tagsTitle, en: en.tagsTitle }, scope: 'dataset', params: NO_PARAMS, component: SegmentTagsView });

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    'segment-builder': typeof NO_PARAMS;
    'segment-summary': typeof segmentationParams;
    'segment-migration': typeof NO_PARAMS;
    'segment-tags': typeof NO_PARAMS;
  }
}
