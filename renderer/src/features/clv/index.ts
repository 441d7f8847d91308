import { z } from 'zod';
import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { ClvView } from './clv-view';
import { CLV_NS, clvStrings } from './strings';

addFeatureStrings(CLV_NS, clvStrings);

/** The view can open on a saved model. */
export const clvParams = z.object({ modelId: z.string().min(1).max(64).optional() }).strict();

registerView({ id: 'clv', title: { zh: clvStrings['zh-CN'].title, en: clvStrings.en.title }, scope: 'dataset', params: clvParams, component: ClvView });

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    clv: typeof clvParams;
  }
}
