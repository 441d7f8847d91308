import { registerView } from '../../app/view-registry';
import { segmentationParams } from '../analysis-common/segmentation-params';
import { addFeatureStrings } from '../../i18n/index';
import { ClusterView } from './cluster-view';
import { CLUSTER_NS, clusterStrings } from './strings';

addFeatureStrings(CLUSTER_NS, clusterStrings);

registerView({
  id: 'cluster',
  title: { zh: clusterStrings['zh-CN'].title, en: clusterStrings.en.title },
  scope: 'dataset',
  params: segmentationParams,
  component: ClusterView,
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    cluster: typeof segmentationParams;
  }
}
