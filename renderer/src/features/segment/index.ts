import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { SegmentBuilderView } from './builder-view';
import { SegmentMigrationView } from './migration-view';
import { SEGMENT_NS, segmentStrings } from './strings';
import { SegmentSummaryView } from './summary-view';
import { SegmentTagsView } from './tags-view';

addFeatureStrings(SEGMENT_NS, segmentStrings);

const zh = segmentStrings['zh-CN'];
const en = segmentStrings.en;

registerView({ id: 'segment-builder', title: { zh: zh.builderTitle, en: en.builderTitle }, scope: 'dataset', component: SegmentBuilderView });
registerView({ id: 'segment-summary', title: { zh: zh.summaryTitle, en: en.summaryTitle }, scope: 'dataset', component: SegmentSummaryView });
registerView({ id: 'segment-migration', title: { zh: zh.migrationTitle, en: en.migrationTitle }, scope: 'project', component: SegmentMigrationView });
registerView({ id: 'segment-tags', title: { zh: zh.tagsTitle, en: en.tagsTitle }, scope: 'dataset', component: SegmentTagsView });
