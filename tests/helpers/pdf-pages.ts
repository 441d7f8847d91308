import { inflateSync } from 'node:zlib';

/**
 * The pages of a PDF and the drawing commands on each, decoded just far enough to ask "what was
 * painted on this page?" without a PDF library: page objects, their content streams (Flate), and
 * the fill colours set by `r g b rg`. Enough for LibreOffice's output, which keeps page and
 * content objects uncompressed-dictionary, Flate-stream.
 */
export interface PdfPage {
  /** Decoded content stream(s) of the page. */
  content: string;
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    let stream: Buffer | null = null;
    if (s >= 0) {
      let from = start + s + 'stream'.length;
      if (text[from] === '\r') from++;
      if (text[from] === '\n') from++;
      const to = text.indexOf('endstream', from);
      stream = pdf.subarray(from, to);
    }
    out.set(Number(m[1]), { dict: s >= 0 ? body.slice(0, s) : body, stream });
    re.lastIndex = end;
  }
  return out;
}

function decode(o: PdfObject): string {
  if (!o.stream) return '';
  if (!/\/FlateDecode/.test(o.dict)) return o.stream.toString('latin1');
  try {
    return inflateSync(o.stream).toString('latin1');
  } catch {
    // A trailing end-of-line before `endstream` is allowed; inflate stops at the end of data anyway.
    return '';
  }
}

export function pdfPages(pdf: Buffer): PdfPage[] {
  const objs = objects(pdf);
  const pages: PdfPage[] = [];
  for (const o of objs.values()) {
    if (!/\/Type\s*\/Page(?![s\w])/.test(o.dict)) continue;
    const refs = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(o.dict)?.[1] ?? '';
    const content = [...refs.matchAll(/(\d+) 0 R/g)].map((r) => decode(objs.get(Number(r[1]))!)).join('\n');
    pages.push({ content });
  }
  return pages;
}

/** "r g b rg" for a #RRGGBB colour, as PDF writers print it (LibreOffice: 10 decimals, trimmed). */
export function fillOperator(hex: string): RegExp {
  const parts = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  // The first three decimals, truncated (writers print more digits, rounded at their last one).
  const num = (v: number): string => (v === 0 ? '0' : v === 1 ? '1' : `0?\\.${String(Math.floor(v * 1000)).padStart(3, '0')}\\d*`);
  return new RegExp(`(^|\\s)${parts.map(num).join(' ')} rg`);
}
