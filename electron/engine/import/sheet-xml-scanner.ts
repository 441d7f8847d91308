import { LIMITS, corrupt, tooManyColumns } from './limits';
import { FormattedNumber, type NumberMeaning, type RawCell } from './raw-cell';
import { assertNoDoctype, attr, richText, unescapeXml } from './xml-text';

/**
 * Incremental scanner for a worksheet's XML (`<sheetData><row><c>…`): feed decoded text, get
 * rows of raw cells. It scans with indexOf instead of a general XML parser because sheet XML
 * is machine-written and a million rows must take seconds, not minutes.
 */
export class SheetXmlScanner {
  private buf = '';
  private started = false;
  private nextRow = 0;
  /** Last 1-based row number seen in the sheet data. */
  lastRowNumber = 0;
  declaredRows: number | null = null;

  constructor(
    private readonly sharedStrings: readonly string[],
    private readonly styleMeaning: readonly (NumberMeaning | null)[],
    private readonly part: string,
  ) {}

  push(text: string, out: RawCell[][]): void {
    let s = this.buf.length > 0 ? this.buf + text : text;
    if (!this.started) {
      const data = s.indexOf('<sheetData');
      if (data === -1) {
        assertNoDoctype(s, this.part);
        // Real sheets reach <sheetData> within a few KB (columns, views); megabytes of
        // anything before it is padding meant to exhaust memory.
        if (s.length > 16 * 1024 * 1024) throw corrupt(`no sheet data in the first 16 MB of ${this.part}`, `${this.part} 的前 16 MB 中没有表格数据`);
        this.buf = s;
        return;
      }
      assertNoDoctype(s.slice(0, data), this.part);
      const dim = s.slice(0, data).match(/<dimension\b[^>]*ref="[A-Z]+(\d+)(?::[A-Z]+(\d+))?"/);
      if (dim) this.declaredRows = Number(dim[2] ?? dim[1]);
      this.started = true;
      s = s.slice(data);
    }
    let pos = 0;
    for (;;) {
      const open = s.indexOf('<row', pos);
      if (open === -1) {
        pos = Math.max(pos, s.length - 8);
        break;
      }
      if (open + 4 >= s.length) {
        // "<row" at the very end of the chunk: whether it is a row tag is only known later.
        pos = open;
        break;
      }
      const after = s.charCodeAt(open + 4);
      if (after !== 32 && after !== 62 && after !== 47) {
        pos = open + 4;
        continue;
      }
      const gt = s.indexOf('>', open);
      if (gt === -1) {
        pos = open;
        break;
      }
      const tag = s.slice(open, gt + 1);
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      let inner = '';
      let next = gt + 1;
      if (!selfClosing) {
        const close = s.indexOf('</row>', gt);
        if (close === -1) {
          pos = open;
          break;
        }
        inner = s.slice(gt + 1, close);
        next = close + 6;
      }
      const r = attr(tag, 'r');
      const rowIndex = r === null ? this.nextRow : Number(r) - 1;
      // Keep gaps as empty rows near the top so header positions match the sheet's own rows.
      while (this.nextRow < rowIndex && this.nextRow < 1000) {
        out.push([]);
        this.nextRow++;
      }
      out.push(selfClosing ? [] : this.parseRow(inner));
      this.nextRow = rowIndex + 1;
      this.lastRowNumber = rowIndex + 1;
      pos = next;
    }
    this.buf = s.slice(pos);
  }

  private parseRow(xml: string): RawCell[] {
    const row: RawCell[] = [];
    let i = 0;
    for (;;) {
      const open = xml.indexOf('<c', i);
      if (open === -1) break;
      const after = xml.charCodeAt(open + 2);
      if (after !== 32 && after !== 62 && after !== 47) {
        i = open + 2;
        continue;
      }
      const gt = xml.indexOf('>', open);
      if (gt === -1) break;
      const tag = xml.slice(open, gt + 1);
      const ref = attr(tag, 'r');
      const col = ref === null ? row.length : columnIndex(ref);
      if (col >= LIMITS.maxColumns) throw tooManyColumns(col + 1);
      if (xml.charCodeAt(gt - 1) === 47) {
        i = gt + 1;
        continue;
      }
      const close = xml.indexOf('</c>', gt);
      if (close === -1) break;
      const value = this.cellValue(tag, xml, gt + 1, close);
      i = close + 4;
      if (value === null) continue;
      while (row.length < col) row.push(null);
      row[col] = value;
    }
    return row;
  }

  private cellValue(tag: string, xml: string, from: number, to: number): RawCell {
    const t = attr(tag, 't');
    if (t === 'inlineStr') return richText(xml.slice(from, to));
    const v0 = xml.indexOf('<v', from);
    if (v0 === -1 || v0 >= to) return null;
    const vgt = xml.indexOf('>', v0);
    const v1 = xml.indexOf('</v>', vgt);
    if (v1 === -1 || v1 > to) return null;
    const text = xml.slice(vgt + 1, v1);
    switch (t) {
      case 's':
        return this.sharedStrings[Number(text)] ?? null;
      case 'str':
      case 'd':
        return unescapeXml(text);
      case 'b':
        return text === '1' || text === 'true';
      case 'e':
        return text === '#N/A' ? null : unescapeXml(text);
      default: {
        const n = Number(text);
        if (text === '' || Number.isNaN(n)) return unescapeXml(text);
        const s = attr(tag, 's');
        const meaning = s === null ? null : (this.styleMeaning[Number(s)] ?? null);
        return meaning === null ? n : new FormattedNumber(n, meaning);
      }
    }
  }
}

/** "AB12" → 27 (0-based column). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}
