import { useEffect, useMemo, useState } from 'react';
import type { ProjectOverview } from '../../../../shared/contract/project-overview';
import { useEngine } from '../../app/engine-context';
import { useQuery } from '../../app/use-call';
import { useWorkspace } from '../../app/workspace';
import { workflowState, type WorkflowState } from './workflow-model';

/**
 * The project's workflow, read fresh when the engine reports a change and whenever the user
 * switches tabs (saving a pivot or writing a report sends no event, but the user always moves
 * on to another tab afterwards). Cleaning steps come from clean.history per source dataset.
 */
export function useWorkflow(enabled: boolean): { overview: ProjectOverview | undefined; state: WorkflowState | null; error: unknown } {
  const client = useEngine();
  const { activeTabId } = useWorkspace();
  const overview = useQuery('project.overview', {}, { enabled });
  const { reload } = overview;
  useEffect(() => {
    if (enabled) reload();
  }, [activeTabId, enabled, reload]);

  const [cleanSteps, setCleanSteps] = useState<Record<string, number>>({});
  const data = overview.data;
  useEffect(() => {
    if (!data) return undefined;
    const controller = new AbortController();
    const sources = data.datasets.filter((d) => d.kind !== 'derived');
    void Promise.all(
      sources.map((d) =>
        client
          .call('clean.history', { datasetId: d.id }, { signal: controller.signal })
          .then((h) => [d.id, h.steps.filter((s) => s.state === 'applied').length] as const)
          .catch(() => [d.id, 0] as const),
      ),
    ).then((pairs) => {
      if (!controller.signal.aborted) setCleanSteps(Object.fromEntries(pairs));
    });
    return () => controller.abort();
  }, [client, data]);

  const state = useMemo(() => (data ? workflowState(data, cleanSteps) : null), [data, cleanSteps]);
  return { overview: data, state, error: overview.error };
}
