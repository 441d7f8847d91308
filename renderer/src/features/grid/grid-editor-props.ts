import { CompactSelection, type DataEditorProps, type GridSelection } from '@glideapps/glide-data-grid';
import type { FilterSpec } from '../../../../shared/contract/rows';
import { GRID_THEME } from './grid-theme';
import { TYPE_ICONS } from './header-icons';

export const EMPTY_SELECTION: GridSelection = { columns: CompactSelection.empty(), rows: CompactSelection.empty() };
const KEYBINDINGS = { copy: false, cut: false, paste: true, search: false, selectAll: true, downFill: false, rightFill: false, clear: false, delete: false };

/** The editor's fixed settings: Excel-like selection, double-click to edit, our theme and type icons. */
export const EDITOR_PROPS = {
  width: '100%',
  height: '100%',
  rowMarkers: 'clickable-number',
  smoothScrollX: true,
  smoothScrollY: true,
  headerIcons: TYPE_ICONS,
  theme: GRID_THEME,
  rangeSelect: 'rect',
  columnSelect: 'multi',
  rowSelect: 'multi',
  keybindings: KEYBINDINGS,
  cellActivationBehavior: 'double-click',
} as const satisfies Partial<DataEditorProps>;

/**
 * Filters a tab was opened with (a pivot drill-down hands over the cell's filters). One filter
 * per column key, as the column menus edit them; a second filter on the same column keeps its
 * own key so that nothing the drill asked for is dropped.
 */
export function initialFilters(filters: readonly FilterSpec[]): Record<string, FilterSpec> {
  const map: Record<string, FilterSpec> = {};
  for (const f of filters) {
    let key = f.column;
    for (let i = 2; key in map; i++) key = `${f.column}#${i}`;
    map[key] = f;
  }
  return map;
}
