import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewProps } from '../../app/view-registry';
import { useWorkspace } from '../../app/workspace';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { formatNumber } from '../../format';
import { WrittenFile } from '../report/written-file';
import { useWorkflow } from './use-workflow';
import type { StepItem, WorkflowStep } from './workflow-model';
import type { WorkflowParams } from './workflow-params';
import { WORKFLOW_NS } from './strings';
import './workflow.css';

/** 工作流程: the seven steps, what each produced (click to reopen), and the suggested next step. */
export function WorkflowView({ params }: ViewProps<WorkflowParams>) {
  const { t } = useTranslation(WORKFLOW_NS);
  const { state, error } = useWorkflow(true);
  const { openTab } = useWorkspace();
  const box = useRef<HTMLDivElement>(null);

  // Opened for one step (from the left panel): bring it into view.
  useEffect(() => {
    if (!state || !params.step) return;
    box.current?.querySelector(`[data-step="${params.step}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [state, params.step]);

  if (error) return <ErrorBanner error={error} />;
  if (!state) return <div className="k-view-loading">{t('title')}</div>;
  const next = state.steps.find((s) => s.id === state.next) ?? null;

  return (
    <div className="k-workflow" data-testid="workflow-view" ref={box}>
      <h2 className="k-overview__title">{t('title')}</h2>
      <p className="k-workflow__intro">{t('intro')}</p>
      {next ? (
        <div className="k-workflow__next" data-testid="workflow-next" data-step={next.id}>
          <div>
            <strong>{t('next', { step: t(`steps.${next.id}.title`) })}</strong>
            <div className="k-muted">{t(`steps.${next.id}.what`)}</div>
          </div>
          {next.action ? (
            <Button variant="primary" onClick={() => next.action && openTab(next.action)} data-testid="workflow-next-action">
              {t(`steps.${next.id}.action`)}
            </Button>
          ) : null}
        </div>
      ) : (
        <div className="k-workflow__next is-complete" data-testid="workflow-complete">
          {t('allDone')}
        </div>
      )}
      <ol className="k-workflow__steps">
        {state.steps.map((step, i) => (
          <StepCard key={step.id} step={step} index={i + 1} highlighted={params.step === step.id} />
        ))}
      </ol>
    </div>
  );
}

function StepCard({ step, index, highlighted }: { step: WorkflowStep; index: number; highlighted: boolean }) {
  const { t } = useTranslation(WORKFLOW_NS);
  const { openTab } = useWorkspace();
  return (
    <li className={`k-workflow__step is-${step.status} ${highlighted ? 'is-highlighted' : ''}`} data-testid="workflow-step" data-step={step.id} data-status={step.status}>
      <div className="k-workflow__marker" aria-hidden="true">
        {step.status === 'done' ? '✓' : index}
      </div>
      <div className="k-workflow__body">
        <div className="k-workflow__head">
          <span className="k-workflow__title">{t(`steps.${step.id}.title`)}</span>
          <span className={`k-workflow__badge is-${step.status}`} data-testid="workflow-status">
            {t(`status.${step.status}`)}
          </span>
          {step.action ? (
            <Button size="small" onClick={() => step.action && openTab(step.action)} data-testid="workflow-step-action">
              {t(`steps.${step.id}.action`)}
            </Button>
          ) : null}
        </div>
        <div className="k-muted">{t(`steps.${step.id}.what`)}</div>
        {step.items.length > 0 ? (
          <ul className="k-workflow__items">
            {step.items.map((item) => (
              <ItemRow key={item.id} item={item} />
            ))}
          </ul>
        ) : (
          <div className="k-workflow__empty">{step.status === 'skipped' ? t('skippedHint') : t('nothingYet')}</div>
        )}
      </div>
    </li>
  );
}

function ItemRow({ item }: { item: StepItem }) {
  const { t } = useTranslation(WORKFLOW_NS);
  const { openTab } = useWorkspace();
  const detail = t(`items.${item.kind}`, { n: formatNumber(item.count) });
  if (item.kind === 'report' && item.path) {
    return (
      <li className="k-workflow__item is-report" data-testid="workflow-item" data-kind={item.kind} data-item-id={item.id}>
        <WrittenFile path={item.path} message={`${t('reportOf', { name: item.name })} · ${detail}`} />
        {item.open ? (
          <Button size="small" onClick={() => item.open && openTab(item.open)} data-testid="workflow-item-open">
            {t('reopen')}
          </Button>
        ) : null}
      </li>
    );
  }
  return (
    <li className="k-workflow__item" data-testid="workflow-item" data-kind={item.kind} data-item-id={item.id}>
      <button type="button" className="k-workflow__link" disabled={!item.open} onClick={() => item.open && openTab(item.open)} data-testid="workflow-item-open">
        {item.name}
      </button>
      <span className="k-muted">{detail}</span>
    </li>
  );
}
