/**
 * Column widths in Excel's unit (width of "0" in the default font). CJK and full-width
 * characters take two units, so Chinese headers are not cut off.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Tracks the widest value seen per column; `widths()` returns Excel widths with padding and a cap. */
export class WidthTracker {
  private readonly max: number[];
  constructor(headers: string[]) {
    this.max = headers.map((h) => displayWidth(h));
  }
  see(index: number, text: string): void {
    const w = displayWidth(text);
    if (w > (this.max[index] ?? 0)) this.max[index] = w;
  }
  widths(min = 6, cap = 60): number[] {
    return this.max.map((w) => Math.min(cap, Math.max(min, w + 2)));
  }
}
