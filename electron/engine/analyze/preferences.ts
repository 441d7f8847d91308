import type { CrosstabCell, Preference } from '../../../shared/contract/analyze';

/**
 * For each row (segment): the columns it over-indexes on (TGI > 100), strongest first, in
 * words: "重要价值客户 偏好 办公用品, TGI 164". Cells below the minimum base are skipped, since a
 * TGI from three orders is noise, and so is the 其他 column (a bag of categories is no preference).
 */
export function preferences(rows: string[], cols: string[], cells: CrosstabCell[][], top: number, otherCol: number): Preference[] {
  return rows.map((row, r) => {
    const items = cols
      .map((col, c) => ({ col, c, cell: cells[r]![c]! }))
      .filter(({ cell, c }) => c !== otherCol && cell.tgi !== null && cell.tgi > 100 && !cell.lowBase)
      .sort((a, b) => b.cell.tgi! - a.cell.tgi!)
      .slice(0, top)
      .map(({ col, cell }) => ({ col, tgi: Math.round(cell.tgi!), value: cell.value }));
    if (items.length === 0) return { row, items, zh: `${row} 无明显偏好`, en: `${row} shows no clear preference` };
    return {
      row,
      items,
      zh: `${row} 偏好 ${items.map((i) => `${i.col}, TGI ${i.tgi}`).join('；')}`,
      en: `${row} prefers ${items.map((i) => `${i.col}, TGI ${i.tgi}`).join('; ')}`,
    };
  });
}
