import type { EngineHandlers } from '../host/context';
import { appendImport } from './import-append';
import { previewImport } from './import-preview';
import { runImport } from './import-run';
import { importTicker } from './import-ticker';

type ImportMethods = 'import.preview' | 'import.run' | 'import.append' | 'import.upload';

export const importHandlers = {
  'import.preview': (p, ctx) => {
    const path = ctx.requirePath(p.path, 'read');
    return previewImport({ path, sheet: p.sheet, encoding: p.encoding, headerRow: p.headerRow, dateOrder: p.dateOrder, dateOrders: p.dateOrders, rows: p.rows });
  },
  'import.run': async (p, ctx) => {
    const path = ctx.requirePath(p.path, 'read');
    try {
      const result = await runImport(
        ctx.work(),
        { path, sheet: p.sheet, allSheets: p.allSheets, encoding: p.encoding, headerRow: p.headerRow, name: p.name, columnTypes: p.columnTypes, dateOrder: p.dateOrder, dateOrders: p.dateOrders },
        importTicker(ctx, 'import'),
      );
      ctx.emit('datasets.changed', { datasetIds: result.datasets.map((d) => d.id), reason: 'created' });
      return result;
    } finally {
      // An uploaded file has served its purpose once imported (or once its import failed).
      ctx.uploads.release(path);
    }
  },
  'import.append': async (p, ctx) => {
    const path = ctx.requirePath(p.path, 'read');
    try {
      const result = await appendImport(
        ctx.work(),
        { path, datasetId: p.datasetId, sheet: p.sheet, encoding: p.encoding, headerRow: p.headerRow, dateOrder: p.dateOrder, dateOrders: p.dateOrders },
        importTicker(ctx, 'import'),
      );
      ctx.emit('datasets.changed', { datasetIds: [result.datasetId], reason: 'updated' });
      return result;
    } finally {
      ctx.uploads.release(path);
    }
  },
  'import.upload': (p, ctx) => ctx.uploads.receive(p),
} satisfies Pick<EngineHandlers, ImportMethods>;
