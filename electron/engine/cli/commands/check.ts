import { KequnError } from '../../../../shared/contract/errors';
import { checkProjectFile, type ProjectCheck } from '../../store/project-check';
import type { CliCommand } from '../command';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: { zh: '检查项目文件的完整性（只读，不改动文件）', en: 'Check a project file for integrity (read-only, changes nothing)' },
  usage: 'kequn check --project P [--json]',
  options: {},
  run(ctx) {
    const p = ctx.values.project;
    if (typeof p !== 'string') throw new KequnError('USAGE', 'Missing --project P', { zh: '缺少参数 --project P' });
    // Read-only: checking must never change the file it checks; not-a-project and damaged files are coded errors.
    const r = checkProjectFile(p);
    if (!r.ok) {
      throw new KequnError('PROJECT_DAMAGED', `The project file has ${r.problems.length} problem(s): ${r.problems.slice(0, 5).join('; ')}`, {
        zh: `项目文件有 ${r.problems.length} 处问题：${r.problems.slice(0, 5).join('；')}`,
        details: { problems: r.problems.slice(0, 50), integrity: r.integrity },
      });
    }
    return Promise.resolve(r);
  },
  human(result, lang) {
    const r = result as ProjectCheck;
    const notes = r.notes.length > 0 ? `\n${r.notes.join('\n')}` : '';
    if (r.ok) return (lang === 'zh' ? `项目完好：${r.datasets.length} 个数据集，${r.segmentations.length} 个细分结果` : `OK: ${r.datasets.length} datasets, ${r.segmentations.length} segmentations`) + notes;
    return r.problems.join('\n') + notes;
  },
};
