import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { FactorView } from './factor-view';
import { HclustView } from './hclust-view';
import { KprotoView } from './kproto-view';
import { kprotoParams, noParams, treeParams } from './models-params';
import { MODELS_NS, modelsStrings } from './strings';
import { TreeView } from './tree-view';

addFeatureStrings(MODELS_NS, modelsStrings);

const zh = modelsStrings['zh-CN'];
const en = modelsStrings.en;
registerView({ id: 'tree', title: { zh: zh.treeTitle, en: en.treeTitle }, scope: 'dataset', params: treeParams, component: TreeView });
registerView({ id: 'kproto', title: { zh: zh.kprotoTitle, en: en.kprotoTitle }, scope: 'dataset', params: kprotoParams, component: KprotoView });
registerView({ id: 'hclust', title: { zh: zh.hclustTitle, en: en.hclustTitle }, scope: 'dataset', params: noParams, component: HclustView });
registerView({ id: 'factor', title: { zh: zh.factorTitle, en: en.factorTitle }, scope: 'dataset', params: noParams, component: FactorView });

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    tree: typeof treeParams;
    kproto: typeof kprotoParams;
    hclust: typeof noParams;
    factor: typeof noParams;
  }
}
