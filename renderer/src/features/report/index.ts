import { registerView } from '../../app/view-registry';
import { segmentationParams } from '../analysis-common/segmentation-params';
import { addFeatureStrings } from '../../i18n/index';
import { ReportView } from './report-view';
import { REPORT_NS, reportStrings } from './strings';

addFeatureStrings(REPORT_NS, reportStrings);

registerView({ id: 'report', title: { zh: reportStrings['zh-CN'].title, en: reportStrings.en.title }, scope: 'project', params: segmentationParams, component: ReportView });

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    report: typeof segmentationParams;
  }
}

export { ExportButton, type ExportTarget } from './export-button';
export { ReportButton } from './report-button';
