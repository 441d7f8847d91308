import { CsvScanner } from './csv-scan';

/**
 * Incremental CSV/TSV parser for decoded text: feed text chunks, get complete rows back. The
 * text is split by the one CSV reader, `CsvScanner` (quoted fields with delimiters, "" and line
 * breaks inside, CRLF and LF, a missing final newline), over its UTF-8 bytes; files whose own
 * bytes can be split (UTF-8, GB18030, Big5) go to the scanner without this detour.
 */
export class CsvParser {
  private rest: Buffer = Buffer.alloc(0);
  private readonly scanner: CsvScanner;

  constructor(delimiter: string) {
    this.scanner = new CsvScanner(delimiter.charCodeAt(0));
  }

  /** Parses what is complete in `text` (plus the carried-over tail); `final` flushes the tail. */
  push(text: string, final: boolean, out: string[][]): void {
    const bytes = Buffer.from(text, 'utf8');
    const buf = this.rest.length > 0 ? Buffer.concat([this.rest, bytes]) : bytes;
    const end = this.scanner.scan(buf, 0, buf.length, final);
    const r = this.scanner.result(buf);
    for (let k = 0; k < r.records; k++) {
      const row: string[] = [];
      for (let f = r.first[k]!; f < r.first[k + 1]!; f++) row.push(buf.toString('utf8', r.starts[f]!, r.ends[f]!));
      out.push(row);
    }
    this.rest = buf.subarray(end);
  }
}

const CANDIDATES = [',', '\t', ';', '|'];

/** Picks the delimiter whose count is the same (and non-zero) on the most sample lines. */
export function detectDelimiter(sample: string, fallback: string): string {
  const lines = sample.split('\n').slice(0, 30).filter((l) => l.trim() !== '');
  if (lines.length > 1 && !sample.endsWith('\n')) lines.pop();
  let best = fallback;
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let inQuotes = false;
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === d && !inQuotes) count++;
  }
  return count;
}
