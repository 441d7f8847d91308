import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';

const tmp = tempDir('kequn-saveas-cli-');
afterAll(() => tmp.cleanup());

async function cli(...argv: string[]): Promise<{ code: number; out: unknown }> {
  let stdout = '';
  const r = await runCli([...argv, '--json'], { stdout: (t) => (stdout += t), stderr: () => undefined });
  r.engine?.dispose();
  return { code: r.exitCode, out: JSON.parse(stdout) };
}

describe('kequn save-as', () => {
  it('writes the copy and prints its project info', async () => {
    const source = join(tmp.dir, '源.kequn');
    ProjectStore.open(source, { create: true }).close();
    const r = await cli('save-as', '--project', source, '--out', join(tmp.dir, '副本'));
    expect(r).toMatchObject({ code: 0, out: { path: join(tmp.dir, '副本.kequn'), name: '副本', datasetCount: 0 } });
    expect(existsSync(join(tmp.dir, '副本.kequn'))).toBe(true);
  });

  it('exits 2 with a coded error', async () => {
    expect(await cli('save-as', '--project', join(tmp.dir, 'missing.kequn'), '--out', join(tmp.dir, 'x.kequn'))).toMatchObject({
      code: 2,
      out: { error: { code: 'FILE_NOT_FOUND' } },
    });
    const source = join(tmp.dir, 'a.kequn');
    ProjectStore.open(source, { create: true }).close();
    expect(await cli('save-as', '--project', source)).toMatchObject({ code: 2, out: { error: { code: 'USAGE' } } });
    expect(await cli('save-as', '--project', source, '--out', join(tmp.dir, 'no-such-dir', 'b.kequn'))).toMatchObject({
      code: 2,
      out: { error: { code: 'FILE_WRITE_FAILED' } },
    });
  });
});
