/**
 * Zod schemas for every invoke channel's arguments. Anything that does not match is refused
 * before it reaches a dialog or the file system.
 */
import { z } from 'zod';
import { IPC, type InvokeChannel } from '../../shared/desktop-ipc';

const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[\\/\0]/.test(s), 'a file name, not a path');

const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((s) => !s.includes('\0'), 'no NUL bytes');

export const language = z.enum(['zh-CN', 'en']);

export const IPC_ARGS = {
  [IPC.openProjectDialog]: z.tuple([]),
  [IPC.saveProjectDialog]: z.tuple([fileName.optional()]),
  [IPC.openWorkbookDialog]: z.tuple([]),
  [IPC.saveReportDialog]: z.tuple([z.object({ defaultName: fileName.optional(), format: z.enum(['xlsx', 'csv']).optional() }).strict().optional()]),
  [IPC.setLanguage]: z.tuple([language]),
  [IPC.showInFolder]: z.tuple([absolutePath]),
  [IPC.dropFiles]: z.tuple([z.array(absolutePath).min(1).max(100)]),
  [IPC.requestEnginePort]: z.tuple([]),
} satisfies Record<InvokeChannel, z.ZodType>;

export type IpcArgs<C extends InvokeChannel> = z.output<(typeof IPC_ARGS)[C]>;
