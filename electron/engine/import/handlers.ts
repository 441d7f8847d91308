import type { EngineHandlers } from '../host/context';
import { appendImport } from './import-append';
import { previewImport } from './import-preview';
import { runImport } from './import-run';
import { importTicker } from './import-ticker';
import { receiveUploadChunk } from './import-upload';
import { resolve } from 'node:path';

type ImportMethods = 'import.preview' | 'import.run' | 'import.append' | 'import.upload';

export const importHandlers = {
  'import.preview': (p) => previewImport({ path: p.path, sheet: p.sheet, encoding: p.encoding, headerRow: p.headerRow, rows: p.rows }),
  'import.run': async (p, ctx) => {
    const result = await runImport(
      ctx.work(),
      { path: resolve(p.path), sheet: p.sheet, allSheets: p.allSheets, encoding: p.encoding, headerRow: p.headerRow, name: p.name, columnTypes: p.columnTypes },
      importTicker(ctx, 'import'),
    );
    ctx.emit('datasets.changed', { datasetIds: result.datasets.map((d) => d.id), reason: 'created' });
    return result;
  },
  'import.append': async (p, ctx) => {
    const result = await appendImport(
      ctx.work(),
      { path: resolve(p.path), datasetId: p.datasetId, sheet: p.sheet, encoding: p.encoding, headerRow: p.headerRow },
      importTicker(ctx, 'import'),
    );
    ctx.emit('datasets.changed', { datasetIds: [result.datasetId], reason: 'updated' });
    return result;
  },
  'import.upload': (p) => receiveUploadChunk(p),
} satisfies Pick<EngineHandlers, ImportMethods>;
