import type { ProjectInfo } from './project';

/** Events the engine pushes to every connected client. Payloads are JSON-safe. */
export interface EngineEvents {
  'project.changed': { project: ProjectInfo | null };
  'datasets.changed': { datasetIds: string[]; reason: 'created' | 'updated' | 'removed' | 'reloaded' };
  'engine.log': { level: 'info' | 'warn' | 'error'; message: string };
}

export type EventName = keyof EngineEvents;
