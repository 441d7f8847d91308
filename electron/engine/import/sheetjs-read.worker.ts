/**
 * Parses a workbook with SheetJS in a child process. A hostile .xls/.xlsb/.ods can make the
 * parser allocate without bound; V8 aborts the whole process when one huge allocation hits the
 * heap limit (a worker thread's resourceLimits do not prevent that), so the parse runs in a
 * process of its own and the engine only ever sees a result or a coded error.
 */
import { read, type ParsingOptions } from 'xlsx';

interface ReadJob {
  data: Uint8Array;
  options: ParsingOptions;
  maxSlots: number;
}

process.once('message', (job: ReadJob) => {
  try {
    const wb = read(job.data, { ...job.options, type: 'array' });
    // The workbook is copied to the engine; a damaged file can declare rows and columns far beyond
    // its content, and copying those (mostly empty) arrays would exhaust the engine's heap.
    let slots = 0;
    for (const name of wb.SheetNames) {
      const rows = (wb.Sheets[name]?.['!data'] ?? []) as unknown[][];
      slots += rows.length;
      for (const row of rows) slots += row?.length ?? 0;
    }
    if (slots > job.maxSlots) process.send?.({ ok: false, tooLarge: true, slots });
    else process.send?.({ ok: true, wb });
  } catch (e) {
    process.send?.({ ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
