import { resolve } from 'node:path';
import { ensureDemoProject } from '../../demo/demo-project';
import type { CliCommand } from '../command';
import { arg } from '../options';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: { zh: '创建（或找到）示例项目', en: 'Create (or locate) the demo project' },
  usage: 'kequn demo [--dir FOLDER] [--json]',
  options: { dir: arg('FOLDER', '示例项目所在的文件夹（默认为应用数据文件夹）', 'folder of the demo project (default: the app data folder)') },
  async run(ctx) {
    const dir = typeof ctx.values.dir === 'string' ? resolve(ctx.values.dir) : ctx.engine().dataDir;
    const path = await ensureDemoProject(dir);
    await ctx.client().call('project.open', { path });
    const datasets = await ctx.client().call('datasets.list', {});
    return { project: path, datasets: datasets.map((d) => ({ id: d.id, name: d.name, rows: d.rowCount })) };
  },
};
