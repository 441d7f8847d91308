import type { CliCommand } from '../command';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: { zh: '显示项目与引擎信息', en: 'Show project and engine information' },
  usage: 'kequn info [--project P] [--json]',
  options: {},
  async run(ctx) {
    if (typeof ctx.values.project === 'string') await ctx.openProject();
    return ctx.client().call('engine.info', {});
  },
};
