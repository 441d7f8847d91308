import type { MethodName } from '../../../shared/contract/index';
import { storeHandlers } from '../store/handlers';
import { segmentationHandlers } from '../store/segmentation-handlers';
import { segmentHandlers } from '../segment/handlers';
import { importHandlers } from '../import/handlers';
import { rowsHandlers } from '../rows/handlers';
import { analyzeHandlers } from '../analyze/handlers';
import { reportHandlers } from '../report/handlers';
import { projectFileHandlers } from '../store/project-file-handlers';
import { cleanHandlers } from '../clean/handlers';
import { metricsHandlers } from '../metrics/handlers';
import { clusterHandlers } from '../cluster/handlers';
import { sqlHandlers } from '../sqlgen/handlers';
import { clvHandlers } from '../clv/handlers';
import { treeHandlers } from '../models/tree-handlers';
import { factorHandlers } from '../models/factor-handlers';
import { mixedClusterHandlers } from '../models/cluster-handlers';
import { overviewHandlers } from '../overview/handlers';
import type { EngineHandlers } from './context';
import { downloadHandlers } from './download-handlers';
import { engineHandlers } from './engine-handlers';

/**
 * Every capability's handlers, in one map. `satisfies EngineHandlers` makes a missing handler a
 * compile error; the check below makes an extra (uncontracted) one a compile error too.
 */
export const handlers = {
  ...engineHandlers,
  ...storeHandlers,
  ...segmentationHandlers,
  ...segmentHandlers,
  ...importHandlers,
  ...rowsHandlers,
  ...analyzeHandlers,
  ...reportHandlers,
  ...projectFileHandlers,
  ...cleanHandlers,
  ...metricsHandlers,
  ...clusterHandlers,
  ...sqlHandlers,
  ...downloadHandlers,
  ...clvHandlers,
  ...treeHandlers,
  ...factorHandlers,
  ...mixedClusterHandlers,
  ...overviewHandlers,
} satisfies EngineHandlers;

type Extra = Exclude<keyof typeof handlers, MethodName>;
const noExtraHandlers: [Extra] extends [never] ? true : Extra = true;
void noExtraHandlers;
