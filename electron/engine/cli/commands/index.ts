import type { CliCommand } from '../command';
import { datasetsCommand } from './datasets';
import { demoCommand } from './demo';
import { infoCommand } from './info';
import { serveCommand } from './serve';

/** Every `kequn` command; capabilities append theirs here. */
export const commands: CliCommand[] = [datasetsCommand, infoCommand, demoCommand, serveCommand];
