import type { CliCommand } from '../command';
import { cleanCommand } from './clean';
import { formulaCommand } from './formula';
import { groupbyCommand } from './groupby';
import { rfmCommand } from './rfm';
import { datasetsCommand } from './datasets';
import { demoCommand } from './demo';
import { infoCommand } from './info';
import { serveCommand } from './serve';
import { segmentCommand } from './segment';
import { importCommand } from './import';
import { pivotCommand } from './pivot';
import { crosstabCommand } from './crosstab';
import { exportCommand } from './export';
import { reportCommand } from './report';
import { checkCommand } from './check';
import { kmeansCommand } from './kmeans';
import { scoreCommand } from './score';
import { saveAsCommand } from './save-as';
import { rowsCommand } from './rows';
import { sqlCommand } from './sql';
import { clvCommand } from './clv';
import { treeCommand } from './tree';
import { kprotoCommand } from './kproto';
import { hclustCommand } from './hclust';
import { factorCommand } from './factor';

/** Every `kequn` command; capabilities append theirs here. */
export const commands: CliCommand[] = [datasetsCommand, infoCommand, demoCommand, serveCommand, importCommand, exportCommand, reportCommand, checkCommand, pivotCommand, crosstabCommand, segmentCommand, kmeansCommand, scoreCommand, cleanCommand, formulaCommand, groupbyCommand, rfmCommand, saveAsCommand, rowsCommand, sqlCommand, clvCommand, treeCommand, kprotoCommand, hclustCommand, factorCommand];
