import { KequnError } from '../../../../shared/contract/errors';
import type { ProjectInfo } from '../../../../shared/contract/project';
import type { CliCommand } from '../command';
import { arg } from '../options';

/** `kequn save-as`: the desktop "Save As" for scripts — a compact copy of the project at --out. */
export const saveAsCommand: CliCommand = {
  name: 'save-as',
  summary: { zh: '把项目另存为新文件（压缩、一致的副本）', en: 'Save the project as a new file (compact, consistent copy)' },
  usage: 'kequn save-as --project P --out FILE.kequn [--json]',
  options: { out: arg('FILE.kequn', '新项目文件的路径', 'path of the new project file', { short: 'o' }) },
  async run(ctx) {
    const out = ctx.values.out;
    if (typeof out !== 'string' || out === '') throw new KequnError('USAGE', 'Missing --out FILE.kequn', { zh: '缺少参数 --out 文件.kequn' });
    await ctx.openProject();
    return ctx.client().call('project.saveAs', { path: out }, { onProgress: (p) => ctx.progress('save-as', p.done, p.total) });
  },
  human(result, lang) {
    const r = result as ProjectInfo;
    return lang === 'zh' ? `已另存为：${r.path}（${r.datasetCount} 个数据集）` : `Saved as ${r.path} (${r.datasetCount} datasets)`;
  },
};
