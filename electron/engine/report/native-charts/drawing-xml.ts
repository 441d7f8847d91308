import { xmlText } from '../xlsx-parts';
import type { ChartAnchor } from './chart-model';

const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface DrawingChart {
  anchor: ChartAnchor;
  /** Relationship id of the chart in the drawing's rels. */
  rId: string;
  name: string;
}

/** A sheet's drawing part: one graphic frame per chart, anchored to cells (moves with them). */
export function drawingXml(charts: readonly DrawingChart[]): string {
  const anchors = charts
    .map(({ anchor, rId, name }, i) => {
      const corner = (col: number, row: number): string => `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
      return (
        `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${corner(anchor.col, anchor.row)}</xdr:from><xdr:to>${corner(anchor.col + anchor.cols, anchor.row + anchor.rows)}</xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlText(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" r:id="${rId}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join('');
  return `${HEAD}<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}" xmlns:r="${R}">${anchors}</xdr:wsDr>`;
}

export function relationshipsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  const body = rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${xmlText(r.target)}"/>`).join('');
  return `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
}

export const REL_CHART = `${R}/chart`;
export const REL_DRAWING = `${R}/drawing`;
export const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
export const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';

/** Elements that come after <drawing> in CT_Worksheet; the drawing goes before the first present. */
const AFTER_DRAWING = ['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

/** Inserts <drawing r:id> into a worksheet at the place the schema's sequence requires. */
export function withDrawing(sheetXml: string, rId: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error('sheet already has a drawing');
  const element = `<drawing r:id="${rId}"/>`;
  let at = sheetXml.lastIndexOf('</worksheet>');
  for (const name of AFTER_DRAWING) {
    const m = sheetXml.match(new RegExp(`<${name}[\\s>/]`));
    if (m && m.index !== undefined && m.index < at) at = m.index;
  }
  const withNs = /xmlns:r=/.test(sheetXml.slice(0, sheetXml.indexOf('>', sheetXml.indexOf('<worksheet')))) ? sheetXml : sheetXml.replace('<worksheet ', `<worksheet xmlns:r="${R}" `);
  const shift = withNs.length - sheetXml.length;
  return withNs.slice(0, at + shift) + element + withNs.slice(at + shift);
}
