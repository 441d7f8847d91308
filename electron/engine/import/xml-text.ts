import { entityExpansion } from './limits';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities, character references, and Excel's _xHHHH_ escapes. */
export function unescapeXml(s: string): string {
  let out = s.indexOf('&') === -1 ? s : s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, ent: string) => {
    if (ent.startsWith('#x')) return safeCodePoint(parseInt(ent.slice(2), 16));
    if (ent.startsWith('#')) return safeCodePoint(parseInt(ent.slice(1), 10));
    return NAMED[ent] ?? '';
  });
  if (out.indexOf('_x') !== -1) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

function safeCodePoint(n: number): string {
  return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

/** Reads one attribute value from a start tag's text (`<c r="A1" t="s">`). */
export function attr(tag: string, name: string): string | null {
  const key = ` ${name}="`;
  let i = tag.indexOf(key);
  let quote = '"';
  if (i === -1) {
    i = tag.indexOf(` ${name}='`);
    if (i === -1) return null;
    quote = "'";
  }
  const start = i + key.length;
  const end = tag.indexOf(quote, start);
  return end === -1 ? null : tag.slice(start, end);
}

/** Any DTD in an Office part is refused: entity expansion ("billion laughs") starts there. */
export function assertNoDoctype(head: string, part: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(head)) throw entityExpansion(part);
}

/** Concatenated text of all <t> runs in an <si> or <is> element, skipping phonetic (<rPh>) runs. */
export function richText(xml: string): string {
  let s = xml;
  if (s.indexOf('<rPh') !== -1) s = s.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  let i = 0;
  for (;;) {
    const open = s.indexOf('<t', i);
    if (open === -1) break;
    const next = s.charCodeAt(open + 2);
    if (next !== 62 && next !== 32) {
      i = open + 2;
      continue;
    }
    const gt = s.indexOf('>', open);
    if (gt === -1) break;
    if (s.charCodeAt(gt - 1) === 47) {
      i = gt + 1;
      continue;
    }
    const close = s.indexOf('</t>', gt);
    if (close === -1) break;
    out += s.slice(gt + 1, close);
    i = close + 4;
  }
  return unescapeXml(out);
}
