/**
 * The fuzzer's engine process: imports each file it is sent into a fresh project through the
 * real contract (in-process client) and answers with the outcome code. The parent kills and
 * restarts it when an answer does not come in time (a hang).
 */
import { rmSync } from 'node:fs';
import { Engine } from '../../electron/engine/host/engine';
import { KequnError } from '../../shared/contract/errors';

const engine = new Engine({ log: () => undefined });
const client = engine.createClient();

process.on('message', (msg: { file: string; project: string }) => {
  void (async () => {
    let code = 'OK';
    let detail = '';
    try {
      await client.call('project.open', { path: msg.project, create: true });
      await client.call('import.run', { path: msg.file, allSheets: true });
      await client.call('datasets.list', {});
    } catch (e) {
      code = e instanceof KequnError ? e.code : 'UNCODED';
      detail = e instanceof Error ? e.message.slice(0, 500) : String(e);
    } finally {
      await client.call('project.close', {}).catch(() => undefined);
      for (const suffix of ['', '-wal', '-shm']) rmSync(msg.project + suffix, { force: true });
    }
    process.send?.({ code, detail, rss: process.memoryUsage().rss });
  })();
});
process.send?.({ ready: true });
