import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { ClvView } from './clv-view';
import { CLV_NS, clvStrings } from './strings';

addFeatureStrings(CLV_NS, clvStrings);

registerView({ id: 'clv', title: { zh: clvStrings['zh-CN'].title, en: clvStrings.en.title }, scope: 'dataset', component: ClvView });
