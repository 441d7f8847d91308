import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import type { ParsingOptions, WorkBook } from 'xlsx';
import { KequnError } from '../../../shared/contract/errors';
import { workerScript } from '../host/worker-script';

/**
 * Heap for one parse, by file size: SheetJS needs a few dozen times a workbook's bytes, so a damaged
 * small file that makes the parser run away fails in seconds at a few hundred MB instead of
 * filling a whole gigabyte first (a minute of a laptop's memory thrashing).
 */
const HEAP_MB_MAX = 1024;
function heapMbFor(bytes: number): number {
  return Math.min(HEAP_MB_MAX, 256 + 64 * Math.ceil(bytes / 1_048_576));
}
/**
 * Cell slots (rows + row lengths, empty ones included) a parsed workbook may have to be copied to
 * the engine: 8M covers a full .xls sheet (65,536 × 128); larger tables belong in .xlsx or .csv,
 * which are streamed.
 */
const MAX_SLOTS = 8_000_000;
const TIME_LIMIT_MS = 120_000;

/**
 * SheetJS `read` in a child process with a heap limit and a time limit. Out of memory or time
 * → TOO_LARGE / IMPORT_CORRUPT; a parse error comes back as an Error with SheetJS's message.
 */
export function readWorkbookIsolated(data: Buffer, options: ParsingOptions): Promise<WorkBook> {
  const file = workerScript(fileURLToPath(import.meta.url), 'import', 'sheetjs-read');
  const heapMb = heapMbFor(data.byteLength);
  return new Promise((resolve, reject) => {
    const worker = fork(file, [], {
      execArgv: [`--max-old-space-size=${heapMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    worker.send({ data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), options, maxSlots: MAX_SLOTS });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.kill('SIGKILL');
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new KequnError('IMPORT_CORRUPT', 'The workbook could not be read in time', { zh: '工作簿读取超时（文件可能已损坏）' }))),
      TIME_LIMIT_MS,
    );
    worker.once('message', (m: { ok: true; wb: WorkBook } | { ok: false; message?: string; tooLarge?: boolean; slots?: number }) =>
      finish(() => {
        if (m.ok) resolve(m.wb);
        else if (m.tooLarge) reject(tooLargeWorkbook(m.slots ?? 0));
        else reject(new Error(m.message ?? 'unreadable workbook'));
      }),
    );
    worker.once('error', (e: Error) => finish(() => reject(e)));
    // The reader dying (V8 aborts on heap exhaustion) means the file needs more memory than allowed.
    worker.once('exit', (code, signal) =>
      finish(() =>
        reject(
          new KequnError('TOO_LARGE', `Reading this workbook needs more memory than allowed; the file may be damaged (reader exit ${code ?? signal})`, {
            zh: '读取该工作簿所需内存超过上限（文件可能已损坏）',
            details: { heapMb },
          }),
        ),
      ),
    );
  });
}

function tooLargeWorkbook(slots: number): KequnError {
  return new KequnError('TOO_LARGE', `The workbook declares ${slots.toLocaleString('en-US')} cells, more than can be read at once; save it as .xlsx or .csv and import that`, {
    zh: `该工作簿声明了 ${slots.toLocaleString('en-US')} 个单元格，超出一次读入的上限；请另存为 .xlsx 或 .csv 后再导入`,
    details: { cells: slots, limit: MAX_SLOTS },
  });
}
