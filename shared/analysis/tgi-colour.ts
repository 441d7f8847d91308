/**
 * The colours of a TGI cell, shared by the screen, the chart and the Excel report so the three
 * agree. Diverging at TGI 100 on a log scale (TGI is a ratio: 200 is as far above as 50 is below),
 * saturating at 200 / 50; white at 100; grey when the cell rests on too small a base.
 */
const RED: readonly [number, number, number] = [217, 69, 59];
const BLUE: readonly [number, number, number] = [59, 111, 216];
/** Fill of a cell below the minimum base (and of a cell with no TGI). */
export const LOW_BASE_FILL = '#EDEDED';
/** Text colour of a cell below the minimum base. */
export const LOW_BASE_TEXT = '#9A9A9A';
const MAX_ALPHA = 0.75;

function hex(n: number): string {
  return Math.round(n).toString(16).padStart(2, '0').toUpperCase();
}

/** −1 (TGI ≤ 50) … 0 (TGI 100) … 1 (TGI ≥ 200). */
export function tgiPosition(tgi: number): number {
  if (tgi <= 0) return -1;
  return Math.max(-1, Math.min(1, Math.log2(tgi / 100)));
}

/** Opaque #RRGGBB fill: red above 100, blue below, white at 100, grey for low base or no TGI. */
export function tgiFill(tgi: number | null, lowBase = false): string {
  if (tgi === null || lowBase) return LOW_BASE_FILL;
  const d = tgiPosition(tgi);
  const base = d >= 0 ? RED : BLUE;
  const a = Math.abs(d) * MAX_ALPHA;
  // The tint over white, computed here so Excel (no alpha in fills) shows the screen's colour.
  return `#${base.map((c) => hex(255 + (c - 255) * a)).join('')}`;
}
