import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { ProjectInfo } from '../../../shared/contract/project';
import type { KequnError } from '../../../shared/contract/errors';
import { useQuery } from '../app/use-call';

export interface ProjectState {
  project: ProjectInfo | null;
  datasets: DatasetInfo[];
  loading: boolean;
  /** True while the dataset list is being (re)read, e.g. just after the project changed. */
  datasetsLoading: boolean;
  error: KequnError | null;
}

/** The open project and its datasets, kept fresh by project.changed / datasets.changed. */
export function useProject(): ProjectState {
  // engine.info answers with project: null instead of failing when nothing is open.
  const info = useQuery('engine.info', {}, { refreshOn: ['project.changed', 'datasets.changed'] });
  const project = info.data?.project ?? null;
  const list = useQuery('datasets.list', {}, { enabled: project !== null });
  return {
    project,
    datasets: project ? (list.data ?? []) : [],
    loading: info.loading || (project !== null && list.loading && !list.data),
    datasetsLoading: project !== null && list.loading,
    error: info.error ?? list.error,
  };
}
