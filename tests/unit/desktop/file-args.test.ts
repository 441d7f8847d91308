import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyPaths, filesFromArgv, isProjectPath, isWorkbookPath } from '../../../electron/main/file-args';
import { tempDir } from '../../helpers/temp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const project = join(tmp.dir, '华东客户.kequn');
const workbook = join(tmp.dir, '订单.XLSX');
const csv = join(tmp.dir, 'customers.csv');
writeFileSync(project, '');
writeFileSync(workbook, '');
writeFileSync(csv, '');
mkdirSync(join(tmp.dir, 'folder.kequn'));

describe('files handed over by the OS', () => {
  it('recognises project and workbook extensions case-insensitively', () => {
    expect(isProjectPath('/a/b.KEQUN')).toBe(true);
    expect(isProjectPath('/a/b.kequn.bak')).toBe(false);
    expect(isWorkbookPath('/a/b.xls')).toBe(true);
    expect(isWorkbookPath('/a/b.exe')).toBe(false);
  });

  it('packaged: argv[0] is the executable; flags, folders and missing files are ignored', () => {
    const argv = ['/opt/kequn/kequn', '--no-sandbox', project, join(tmp.dir, 'missing.kequn'), join(tmp.dir, 'folder.kequn'), workbook, '/etc/hosts'];
    expect(filesFromArgv(argv, '/', true)).toEqual({ projects: [project], workbooks: [workbook] });
  });

  it('development: argv[1] is the app folder; relative paths resolve against the caller’s folder', () => {
    expect(filesFromArgv(['electron', '.', 'customers.csv', '华东客户.kequn'], tmp.dir, false)).toEqual({ projects: [project], workbooks: [csv] });
    expect(classifyPaths(['', '-psn_0_12345'], tmp.dir)).toEqual({ projects: [], workbooks: [] });
  });
});
