import { GridCellKind, type GridCell, type Theme } from '@glideapps/glide-data-grid';

/** Excel's greens and greys, the app's font. */
export const GRID_THEME: Partial<Theme> = {
  accentColor: '#217346',
  accentFg: '#ffffff',
  accentLight: 'rgba(33, 115, 70, 0.14)',
  textDark: '#1f1f1f',
  textMedium: '#6b6b6b',
  textLight: '#9a9a9a',
  textHeader: '#1f1f1f',
  bgHeader: '#f7f7f7',
  bgHeaderHasFocus: '#e9f4ee',
  bgHeaderHovered: '#eeeeee',
  borderColor: '#e1e1e1',
  horizontalBorderColor: '#e6e6e6',
  headerFontStyle: '600 13px',
  baseFontStyle: '13px',
  fontFamily: "'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', system-ui, sans-serif",
  cellHorizontalPadding: 8,
};

export const FILTERED_HEADER: Partial<Theme> = { bgHeader: '#dff0e6', textHeader: '#185c37' };

/** A cell still on its way from the engine. */
export const LOADING_CELL: GridCell = { kind: GridCellKind.Loading, allowOverlay: false };

/** Missing (null): a faint dash on grey, so it never looks like an empty string; typing fills it. */
export const MISSING_CELL: GridCell = {
  kind: GridCellKind.Text,
  data: '',
  displayData: '—',
  allowOverlay: true,
  contentAlign: 'center',
  themeOverride: { bgCell: '#f4f4f4', textDark: '#b5b5b5' },
};

/** Invalid (failed conversion): the original text in red on a pale red ground. */
export const INVALID_THEME: Partial<Theme> = { bgCell: '#fdeceb', textDark: '#c42b1c' };
