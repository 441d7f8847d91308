import { NO_PARAMS, registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { FormulaView } from './formula-view';
import { GroupByView } from './group-by-view';
import { RfmView } from './rfm-view';
import { METRICS_NS, metricsStrings } from './strings';

addFeatureStrings(METRICS_NS, metricsStrings);

const zh = metricsStrings['zh-CN'];
const en = metricsStrings.en;

registerView({ id: 'formula', title: { zh: zh.formulaTitle, en: en.formulaTitle }, scope: 'dataset', params: NO_PARAMS, component: FormulaView });
registerView({ id: 'group-by', title: { zh: zh.groupByTitle, en: en.groupByTitle }, scope: 'dataset', params: NO_PARAMS, component: GroupByView });
registerView({ id: 'rfm', title: { zh: zh.rfmTitle, en: en.rfmTitle }, scope: 'dataset', params: NO_PARAMS, component: RfmView });

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    formula: typeof NO_PARAMS;
    'group-by': typeof NO_PARAMS;
    rfm: typeof NO_PARAMS;
  }
}
