import { z } from 'zod';
import { method, result } from './define';

export interface ProjectInfo {
  /** Absolute path of the open project file, as the engine sees it. */
  path: string;
  name: string;
  /** Applied schema migrations, in order. */
  schemaVersion: number;
  createdAt: string;
  appVersion: string;
  datasetCount: number;
  isDemo: boolean;
}

export interface EngineInfo {
  appVersion: string;
  nodeVersion: string;
  sqliteVersion: string;
  platform: string;
  project: ProjectInfo | null;
}

export const projectContract = {
  'project.info': method(z.object({}).strict(), result<ProjectInfo>()),
  'project.open': method(
    z.object({ path: z.string().min(1), create: z.boolean().default(false) }).strict(),
    result<ProjectInfo>(),
    // Opening a project written by an earlier version converts its tables once, with progress.
    { long: true },
  ),
  'project.close': method(z.object({}).strict(), result<{ closed: boolean }>()),
  'project.openDemo': method(z.object({}).strict(), result<ProjectInfo>(), { long: true }),
  'engine.info': method(z.object({}).strict(), result<EngineInfo>()),
  /** Test and diagnostics aid: sleeps with progress; exercises cancellation end to end. */
  'engine.selfTest': method(
    z.object({ steps: z.number().int().min(1).max(1000), stepMs: z.number().int().min(0).max(10_000) }).strict(),
    result<{ completed: number }>(),
    { long: true },
  ),
};
