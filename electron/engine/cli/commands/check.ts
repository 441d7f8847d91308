import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { KequnError } from '../../../../shared/contract/errors';
import { checkProject } from '../../store/project-check';
import type { CliCommand } from '../command';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: { zh: '检查项目文件的完整性', en: 'Check a project file for integrity' },
  usage: 'kequn check --project P [--json]',
  options: {},
  async run(ctx) {
    const p = ctx.values.project;
    if (typeof p !== 'string') throw new KequnError('VALIDATION', 'Missing --project P', { zh: '缺少参数 --project P' });
    // Read-only: checking must never change the file it checks.
    let db: Database.Database;
    try {
      db = new Database(resolve(p), { readonly: true, fileMustExist: true });
    } catch (cause) {
      throw new KequnError('PROJECT_OPEN_FAILED', `Cannot open ${p}`, { zh: `无法打开 ${p}`, cause });
    }
    try {
      return checkProject(db);
    } finally {
      db.close();
    }
  },
  human(result, lang) {
    const r = result as ReturnType<typeof checkProject>;
    if (r.ok) return lang === 'zh' ? `项目完好：${r.datasets.length} 个数据集，${r.segmentations.length} 个细分结果` : `OK: ${r.datasets.length} datasets, ${r.segmentations.length} segmentations`;
    return r.problems.join('\n');
  },
};
