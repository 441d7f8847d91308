import { registerView } from '../../app/view-registry';
import { addFeatureStrings } from '../../i18n/index';
import { WORKFLOW_NS, workflowStrings } from './strings';
import { workflowParams } from './workflow-params';
import { WorkflowView } from './workflow-view';

addFeatureStrings(WORKFLOW_NS, workflowStrings);

registerView({
  id: 'workflow',
  title: { zh: workflowStrings['zh-CN'].title, en: workflowStrings.en.title },
  scope: 'project',
  params: workflowParams,
  component: WorkflowView,
});

declare module '../../app/view-registry' {
  interface ViewParamsMap {
    workflow: typeof workflowParams;
  }
}

export { WorkflowRail } from './workflow-rail';
