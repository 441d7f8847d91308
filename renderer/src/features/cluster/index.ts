import { registerView } from '../../app/view-registry';
import { z } from 'zod';
import { segmentationParams } from '../analysis-common/segmentation-params';
import { addFeatureStrings } from '../../i18n/index';
import { ClusterView } from './cluster-view';
import { CLUSTER_NS, clusterStrings } from './strings';

addFeatureStrings(CLUSTER_NS, clusterStrings);

/** A saved model to show, or the k to start from (the Ward view's "use this k for k-means"). */
const clusterParams = segmentationParams.extend({ k: z.number().int().min(2).max(50).optional() }).strict();

registerView({
  id: 'cluster',
  title: { zh: clusterStrings['zh-CN'].title, en: clusterStrings.en.title },
  scope: 'dataset',
  params: clusterParams,
  component: ClusterView,
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    cluster: typeof clusterParams;
  }
}
