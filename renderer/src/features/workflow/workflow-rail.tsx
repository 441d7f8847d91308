import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../app/workspace';
import { useWorkflow } from './use-workflow';
import { WORKFLOW_NS } from './strings';
import './workflow.css';

/**
 * The seven steps in the left panel, always in sight: done (✓), the suggested next one (bold),
 * and how many results each has. A click opens the workflow panel at that step.
 */
export function WorkflowRail({ hasProject }: { hasProject: boolean }) {
  const { t } = useTranslation(WORKFLOW_NS);
  const { openTab } = useWorkspace();
  const { state } = useWorkflow(hasProject);
  if (!hasProject || !state) return null;
  return (
    <ol className="k-workflow-rail" data-testid="workflow-rail" aria-label={t('railTitle')}>
      {state.steps.map((s) => (
        <li key={s.id}>
          <button
            type="button"
            className={`k-workflow-rail__step is-${s.status}`}
            title={`${t(`steps.${s.id}.what`)} (${t(`status.${s.status}`)})`}
            onClick={() => openTab({ viewId: 'workflow', datasetId: null, params: { step: s.id } })}
            data-testid="workflow-rail-step"
            data-step={s.id}
            data-status={s.status}
          >
            <span className="k-workflow-rail__dot" aria-hidden="true">
              {s.status === 'done' ? '✓' : ''}
            </span>
            {t(`steps.${s.id}.title`)}
            {s.items.length > 0 ? <span className="k-workflow-rail__count">{s.items.length}</span> : null}
          </button>
        </li>
      ))}
    </ol>
  );
}
