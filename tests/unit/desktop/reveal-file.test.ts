import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRevealable } from '../../../electron/main/reveal-file';
import { tempDir } from '../../helpers/temp';

describe('show in folder', () => {
  const tmp = tempDir('kequn-reveal-');
  afterAll(() => tmp.cleanup());

  it('reveals only existing files of the kinds the app writes, by absolute path', () => {
    const report = join(tmp.dir, '客群报告.xlsx');
    writeFileSync(report, 'x');
    const upper = join(tmp.dir, 'EXPORT.CSV');
    writeFileSync(upper, 'x');
    const script = join(tmp.dir, 'run.sh');
    writeFileSync(script, 'x');
    const folder = join(tmp.dir, 'folder.xlsx');
    mkdirSync(folder);
    expect(isRevealable(report)).toBe(true);
    expect(isRevealable(upper)).toBe(true);
    expect(isRevealable(script)).toBe(false);
    expect(isRevealable(folder)).toBe(false);
    expect(isRevealable(join(tmp.dir, 'gone.xlsx'))).toBe(false);
    expect(isRevealable('客群报告.xlsx')).toBe(false);
  });
});
