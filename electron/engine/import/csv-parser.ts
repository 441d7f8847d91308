/**
 * Incremental CSV/TSV parser: feed decoded text chunks, get complete rows back. Handles quoted
 * fields with embedded delimiters, quotes ("") and newlines, CRLF and LF, and a missing final
 * newline. Lines without quotes take a fast split path.
 */
export class CsvParser {
  private rest = '';

  constructor(private readonly delimiter: string) {}

  /** Parses what is complete in `text` (plus the carried-over tail); `final` flushes the tail. */
  push(text: string, final: boolean, out: string[][]): void {
    const s = this.rest.length > 0 ? this.rest + text : text;
    this.rest = '';
    const d = this.delimiter;
    let pos = 0;
    const n = s.length;
    // The next quote is searched once and reused until passed: searching per line would scan
    // to the end of a quote-free chunk on every line.
    let quote = -2;
    while (pos < n) {
      const nl = s.indexOf('\n', pos);
      if (quote !== -1 && quote < pos) quote = s.indexOf('"', pos);
      if (quote === -1 || (nl !== -1 && quote > nl)) {
        if (nl === -1 && !final) break;
        const end = nl === -1 ? n : nl;
        const lineEnd = end > pos && s.charCodeAt(end - 1) === 13 ? end - 1 : end;
        out.push(s.slice(pos, lineEnd).split(d));
        pos = end + 1;
        continue;
      }
      const next = this.parseQuotedLine(s, pos, final);
      if (next === -1) break;
      out.push(this.fields);
      pos = next;
    }
    if (pos < n) this.rest = s.slice(pos);
  }

  private fields: string[] = [];

  /** Character-level parse of one record starting at `start`; returns the next start or -1 if incomplete. */
  private parseQuotedLine(s: string, start: number, final: boolean): number {
    const d = this.delimiter;
    const fields: string[] = [];
    let pos = start;
    const n = s.length;
    for (;;) {
      let value: string;
      if (s[pos] === '"') {
        let buf = '';
        let i = pos + 1;
        for (;;) {
          const q = s.indexOf('"', i);
          if (q === -1) {
            if (!final) return -1;
            buf += s.slice(i);
            i = n;
            break;
          }
          buf += s.slice(i, q);
          if (s[q + 1] === '"') {
            buf += '"';
            i = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return -1;
          i = q + 1;
          break;
        }
        // Text after a closing quote up to the delimiter is kept (lenient, as Excel does).
        let j = i;
        while (j < n && s[j] !== d && s[j] !== '\n' && s[j] !== '\r') j++;
        value = j > i ? buf + s.slice(i, j) : buf;
        pos = j;
      } else {
        const nd = s.indexOf(d, pos);
        const nn = s.indexOf('\n', pos);
        let j = nd === -1 ? (nn === -1 ? n : nn) : nn === -1 ? nd : Math.min(nd, nn);
        if (j === nn && j > pos && s.charCodeAt(j - 1) === 13) j--;
        if (j >= n && !final) return -1;
        value = s.slice(pos, j);
        pos = j;
      }
      fields.push(value);
      if (pos >= n) {
        if (!final) return -1;
        this.fields = fields;
        return n;
      }
      const c = s[pos];
      if (c === d) {
        pos++;
        continue;
      }
      if (c === '\r') {
        if (pos + 1 >= n && !final) return -1;
        pos++;
      }
      if (s[pos] === '\n') pos++;
      this.fields = fields;
      return pos;
    }
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
