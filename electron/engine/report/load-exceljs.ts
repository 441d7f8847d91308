import type ExcelJS from 'exceljs';

/**
 * ExcelJS, loaded when a workbook is written rather than when the engine starts: it costs about
 * half a second to load, which every command line call would otherwise pay.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  const mod = await import('exceljs');
  return mod.default;
}
