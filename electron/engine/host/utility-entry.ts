/**
 * Desktop entry: the engine as an Electron utility process (see utility-link.ts). In the desktop
 * app the engine uses only the paths main granted: the page is not trusted with the file system.
 */
import { Engine } from './engine';
import { linkParentPort, type ParentPort } from './utility-link';

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  process.stderr.write('utility-entry must run as an Electron utility process\n');
  process.exit(1);
}

linkParentPort(parentPort, new Engine({ fileAccess: 'granted' }));
