import type { ColumnType } from '../../../../shared/contract/datasets';

type Sprite = (props: { fgColor: string; bgColor: string }) => string;

/** A small badge with a glyph: one per column type, drawn by the grid in the header. */
function badge(glyph: string, size = 11): Sprite {
  return ({ fgColor }) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20">` +
    `<rect x="1.5" y="2.5" width="17" height="15" rx="3" fill="none" stroke="${fgColor}" stroke-width="1.2"/>` +
    `<text x="10" y="14" font-family="Arial, sans-serif" font-size="${size}" font-weight="bold" text-anchor="middle" fill="${fgColor}">${glyph}</text></svg>`;
}

const calendar: Sprite = ({ fgColor }) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20" fill="none" stroke="${fgColor}" stroke-width="1.3">` +
  `<rect x="2.5" y="4" width="15" height="13" rx="2"/><path d="M2.5 8h15M6.5 2.5v3M13.5 2.5v3"/></svg>`;

export const TYPE_ICONS: Record<string, Sprite> = {
  'kq-text': badge('T'),
  'kq-integer': badge('#'),
  'kq-decimal': badge('.0', 9),
  'kq-currency': badge('¥'),
  'kq-percent': badge('%', 10),
  'kq-boolean': badge('✓'),
  'kq-date': calendar,
  'kq-datetime': calendar,
};

export function typeIcon(type: ColumnType): string {
  return `kq-${type}`;
}
