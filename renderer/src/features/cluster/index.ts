import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { ClusterView } from './cluster-view';
import { CLUSTER_NS, clusterStrings } from './strings';

addFeatureStrings(CLUSTER_NS, clusterStrings);

registerView({
  id: 'cluster',
  title: { zh: clusterStrings['zh-CN'].title, en: clusterStrings.en.title },
  scope: 'dataset',
  component: ClusterView,
});
