/**
 * Save-as of a project file: `project.saveAs` (VACUUM INTO a temp file + rename + reopen) against
 * SQLite's online backup API and a plain file copy, on the demo project (a few thousand customers,
 * ~50k orders). Usage: npm run bench -- save-as
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/host/engine';
import { report, timeIt } from './bench-util';

const dir = mkdtempSync(join(tmpdir(), 'kequn-bench-saveas-'));
const engine = new Engine({ dataDir: join(dir, 'home'), log: () => undefined });
const client = engine.createClient();
try {
  const demo = await client.call('project.openDemo', {});
  // Closing the project checkpoints its WAL into the file (the store's handle is private), so the
  // file's size and the plain copy cover all of it; then it is opened again, as a user would.
  await client.call('project.close', {});
  await client.call('project.open', { path: demo.path });
  const sourceMb = statSync(demo.path).size / 1048576;
  const rows = (await client.call('datasets.list', {})).reduce((n, d) => n + d.rowCount, 0);

  const copy = await timeIt(() => copyFileSync(demo.path, join(dir, 'copy.kequn')));
  // SQLite's online backup API needs a connection: a second, read-only one on the open project
  // file (the store's own is private), opened before the clock starts.
  const reader = new Database(demo.path, { readonly: true, fileMustExist: true });
  const backup = await timeIt(() => reader.backup(join(dir, 'backup.kequn')));
  reader.close();
  const saveAs = await timeIt(() => client.call('project.saveAs', { path: join(dir, 'saved.kequn') }));
  const savedMb = statSync(saveAs.value.path).size / 1048576;
  const again = await timeIt(() => client.call('project.saveAs', { path: join(dir, 'saved-again.kequn') }));

  report('save-as', {
    project: { rows, datasets: demo.datasetCount, fileMb: +sourceMb.toFixed(2) },
    ms: {
      saveAs: Math.round(saveAs.ms),
      saveAsSecondTime: Math.round(again.ms),
      sqliteBackupApi: Math.round(backup.ms),
      plainFileCopy: Math.round(copy.ms),
    },
    savedFileMb: +savedMb.toFixed(2),
    note: 'saveAs = VACUUM INTO temp + rename + reopen (compact, consistent while open); a plain copy is only safe with the database closed',
  });
} finally {
  client.close();
  engine.dispose();
  rmSync(dir, { recursive: true, force: true });
}
