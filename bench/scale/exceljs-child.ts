// The xlsx reference: ExcelJS's streaming reader over the whole file, in a fresh process, touching
// every cell value (what an importer has to do at least). Prints `RESULT {json}`.
import ExcelJS from 'exceljs';

const path = process.argv[2]!;
const t0 = performance.now();
const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
let rows = 0;
let cells = 0;
for await (const ws of reader) {
  for await (const row of ws) {
    rows++;
    const values = (row as ExcelJS.Row).values as unknown[];
    for (const v of values) if (v !== undefined && v !== null) cells++;
  }
}
process.stdout.write(`RESULT ${JSON.stringify({ ms: Math.round(performance.now() - t0), rows, cells })}\n`);
