import type { z } from 'zod';
import { projectContract } from './project';
import { datasetsContract } from './datasets';
import { segmentationsContract } from './segmentations';
import { importContract } from './import';
import { rowsContract } from './rows';
import { rowsSelectionContract } from './rows-selection';
import { analyzeContract } from './analyze';
import { exportsContract } from './exports';
import { segmentContract } from './segment';
import { clusterContract } from './cluster';
import { projectFileContract } from './project-file';
import { cleanContract } from './clean';
import { metricsContract } from './metrics';
import { sqlContract } from './sql';
import { clvContract } from './clv';
import { modelsContract } from './models';
import { treeContract } from './tree';
import { kprotoContract } from './kproto';
import { hclustContract } from './hclust';
import { factorContract } from './factor';
import { projectOverviewContract } from './project-overview';

/**
 * The single contract between the UI (and CLI) and the engine. Each capability adds its own
 * `<area>Contract` object in its own file and spreads it here.
 */
export const contract = {
  ...projectContract,
  ...datasetsContract,
  ...segmentationsContract,
  ...importContract,
  ...rowsContract,
  ...rowsSelectionContract,
  ...analyzeContract,
  ...exportsContract,
  ...segmentContract,
  ...clusterContract,
  ...projectFileContract,
  ...cleanContract,
  ...metricsContract,
  ...sqlContract,
  ...clvContract,
  ...modelsContract,
  ...treeContract,
  ...kprotoContract,
  ...hclustContract,
  ...factorContract,
  ...projectOverviewContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type ParamsIn<M extends MethodName> = z.input<Contract[M]['params']>;
/** What a handler receives after validation (defaults filled in). */
export type ParamsOut<M extends MethodName> = z.output<Contract[M]['params']>;
export type ResultOf<M extends MethodName> = Contract[M]['result'];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './errors';
export * from './json';
export * from './events';
export * from './project';
export * from './datasets';
export * from './segmentations';
export * from './import';
export * from './rows';
export * from './rows-selection';
export * from './analyze';
export * from './exports';
export * from './segment';
export * from './segment-schemes';
export * from './cluster';
export * from './cluster-defaults';
export * from './project-file';
export * from './clean';
export * from './metrics';
export * from './sql';
export * from './clv';
export * from './models';
export * from './tree';
export * from './kproto';
export * from './hclust';
export * from './factor';
export * from './project-overview';
