import { KequnError } from '../../../shared/contract/errors';
import { isWrittenFile } from '../report/written-files';
import type { EngineHandlers } from './context';

export const downloadHandlers = {
  'exports.downloadTicket': (p, ctx) => {
    // Only files this engine wrote in this session can be downloaded, whoever asks.
    if (!isWrittenFile(p.path)) {
      throw new KequnError('NOT_FOUND', `Not a file exported in this session: ${p.path}`, {
        zh: `不是本次会话导出的文件：${p.path}`,
        details: { path: p.path },
      });
    }
    return ctx.downloads.issue(p.path);
  },
} satisfies Pick<EngineHandlers, 'exports.downloadTicket'>;
