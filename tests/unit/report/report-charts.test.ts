import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Engine } from '../../../electron/engine/host/engine';
import { ZipArchive } from '../../../electron/engine/import/zip-archive';
import { tempDir } from '../../helpers/temp';
import { orderProblem, parseXml, walk, type XmlElement } from '../../helpers/xml-tree';
import { reportFixture } from './report-fixture';

/**
 * The chart parts follow ECMA-376 Part 1 (§21.2 DrawingML charts, §18.3 worksheet) element order:
 * Excel refuses a part whose children come in another order, where LibreOffice is forgiving. Each
 * list is the schema's xsd:sequence for that element (optional elements included).
 */
const SEQUENCES: Record<string, readonly string[]> = {
  'c:chartSpace': ['c:date1904', 'c:lang', 'c:roundedCorners', 'mc:AlternateContent', 'c:style', 'c:clrMapOvr', 'c:pivotSource', 'c:protection', 'c:chart', 'c:spPr', 'c:txPr', 'c:externalData', 'c:printSettings', 'c:userShapes', 'c:extLst'],
  'c:chart': ['c:title', 'c:autoTitleDeleted', 'c:pivotFmts', 'c:view3D', 'c:floor', 'c:sideWall', 'c:backWall', 'c:plotArea', 'c:legend', 'c:plotVisOnly', 'c:dispBlanksAs', 'c:showDLblsOverMax', 'c:extLst'],
  'c:plotArea': ['c:layout', 'c:barChart', 'c:lineChart', 'c:pieChart', 'c:doughnutChart', 'c:scatterChart', 'c:radarChart', 'c:catAx', 'c:valAx', 'c:dTable', 'c:spPr', 'c:extLst'],
  'c:barChart': ['c:barDir', 'c:grouping', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:gapWidth', 'c:overlap', 'c:serLines', 'c:axId', 'c:extLst'],
  'c:lineChart': ['c:grouping', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:dropLines', 'c:hiLowLines', 'c:upDownBars', 'c:marker', 'c:smooth', 'c:axId', 'c:extLst'],
  'c:pieChart': ['c:varyColors', 'c:ser', 'c:dLbls', 'c:firstSliceAng', 'c:extLst'],
  'c:doughnutChart': ['c:varyColors', 'c:ser', 'c:dLbls', 'c:firstSliceAng', 'c:holeSize', 'c:extLst'],
  'c:scatterChart': ['c:scatterStyle', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:axId', 'c:extLst'],
  'c:radarChart': ['c:radarStyle', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:axId', 'c:extLst'],
  'c:catAx': ['c:axId', 'c:scaling', 'c:delete', 'c:axPos', 'c:majorGridlines', 'c:minorGridlines', 'c:title', 'c:numFmt', 'c:majorTickMark', 'c:minorTickMark', 'c:tickLblPos', 'c:spPr', 'c:txPr', 'c:crossAx', 'c:crosses', 'c:crossesAt', 'c:auto', 'c:lblAlgn', 'c:lblOffset', 'c:tickLblSkip', 'c:tickMarkSkip', 'c:noMultiLvlLbl', 'c:extLst'],
  'c:valAx': ['c:axId', 'c:scaling', 'c:delete', 'c:axPos', 'c:majorGridlines', 'c:minorGridlines', 'c:title', 'c:numFmt', 'c:majorTickMark', 'c:minorTickMark', 'c:tickLblPos', 'c:spPr', 'c:txPr', 'c:crossAx', 'c:crosses', 'c:crossesAt', 'c:crossBetween', 'c:majorUnit', 'c:minorUnit', 'c:dispUnits', 'c:extLst'],
  'c:scaling': ['c:logBase', 'c:orientation', 'c:max', 'c:min', 'c:extLst'],
  'c:legend': ['c:legendPos', 'c:legendEntry', 'c:layout', 'c:overlay', 'c:spPr', 'c:txPr', 'c:extLst'],
  'c:title': ['c:tx', 'c:layout', 'c:overlay', 'c:spPr', 'c:txPr', 'c:extLst'],
  'c:dLbls': ['c:dLbl', 'c:delete', 'c:numFmt', 'c:spPr', 'c:txPr', 'c:dLblPos', 'c:showLegendKey', 'c:showVal', 'c:showCatName', 'c:showSerName', 'c:showPercent', 'c:showBubbleSize', 'c:separator', 'c:showLeaderLines', 'c:leaderLines', 'c:extLst'],
  'c:dPt': ['c:idx', 'c:invertIfNegative', 'c:marker', 'c:bubble3D', 'c:explosion', 'c:spPr', 'c:pictureOptions', 'c:extLst'],
  'c:marker': ['c:symbol', 'c:size', 'c:spPr', 'c:extLst'],
  'c:numCache': ['c:formatCode', 'c:ptCount', 'c:pt', 'c:extLst'],
  'c:strCache': ['c:ptCount', 'c:pt', 'c:extLst'],
  'a:defRPr': ['a:ln', 'a:noFill', 'a:solidFill', 'a:gradFill', 'a:effectLst', 'a:highlight', 'a:uLnTx', 'a:uLn', 'a:uFillTx', 'a:uFill', 'a:latin', 'a:ea', 'a:cs', 'a:sym', 'a:hlinkClick', 'a:rtl', 'a:extLst'],
  'a:rPr': ['a:ln', 'a:noFill', 'a:solidFill', 'a:gradFill', 'a:effectLst', 'a:highlight', 'a:uLnTx', 'a:uLn', 'a:uFillTx', 'a:uFill', 'a:latin', 'a:ea', 'a:cs', 'a:sym', 'a:hlinkClick', 'a:rtl', 'a:extLst'],
  'xdr:twoCellAnchor': ['xdr:from', 'xdr:to', 'xdr:sp', 'xdr:grpSp', 'xdr:graphicFrame', 'xdr:cxnSp', 'xdr:pic', 'xdr:contentPart', 'xdr:clientData'],
  'xdr:graphicFrame': ['xdr:nvGraphicFramePr', 'xdr:xfrm', 'a:graphic'],
  worksheet: ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'],
};

/** Series children differ by chart type (CT_BarSer, CT_LineSer, CT_PieSer, CT_ScatterSer, CT_RadarSer). */
const SERIES: Record<string, readonly string[]> = {
  'c:barChart': ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:invertIfNegative', 'c:pictureOptions', 'c:dPt', 'c:dLbls', 'c:trendline', 'c:errBars', 'c:cat', 'c:val', 'c:shape', 'c:extLst'],
  'c:lineChart': ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:marker', 'c:dPt', 'c:dLbls', 'c:trendline', 'c:errBars', 'c:cat', 'c:val', 'c:smooth', 'c:extLst'],
  'c:pieChart': ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:explosion', 'c:dPt', 'c:dLbls', 'c:cat', 'c:val', 'c:extLst'],
  'c:doughnutChart': ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:explosion', 'c:dPt', 'c:dLbls', 'c:cat', 'c:val', 'c:extLst'],
  'c:scatterChart': ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:marker', 'c:dPt', 'c:dLbls', 'c:trendline', 'c:errBars', 'c:xVal', 'c:yVal', 'c:smooth', 'c:extLst'],
  'c:radarChart': ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:marker', 'c:dPt', 'c:dLbls', 'c:cat', 'c:val', 'c:extLst'],
};

/** Every CT_Boolean must say its value: an absent val means true, which is rarely what was meant. */
const BOOLEANS = new Set(['c:date1904', 'c:roundedCorners', 'c:autoTitleDeleted', 'c:varyColors', 'c:invertIfNegative', 'c:bubble3D', 'c:smooth', 'c:marker', 'c:delete', 'c:auto', 'c:noMultiLvlLbl', 'c:overlay', 'c:plotVisOnly', 'c:showLegendKey', 'c:showVal', 'c:showCatName', 'c:showSerName', 'c:showPercent', 'c:showBubbleSize']);

function problems(root: XmlElement): string[] {
  const out: string[] = [];
  for (const el of walk(root)) {
    const seq = SEQUENCES[el.name];
    if (seq) {
      const p = orderProblem(el, seq);
      if (p) out.push(p);
    }
    const ser = SERIES[el.name];
    if (ser) for (const s of el.children.filter((c) => c.name === 'c:ser')) {
      const p = orderProblem(s, ser);
      if (p) out.push(`${el.name}: ${p}`);
    }
    // c:marker is a boolean inside lineChart but an element with children inside a series.
    if (BOOLEANS.has(el.name) && el.children.length === 0 && el.attrs.val === undefined) out.push(`<${el.name}> without val`);
  }
  return out;
}

const tmp = tempDir();
let engine: Engine;
let segmentationId: string;
let path: string;
let zip: ZipArchive;
const text = async (name: string): Promise<string> => (await zip.read(zip.get(name)!, 64 * 1024 * 1024)).toString('utf8');

beforeAll(async () => {
  ({ engine, segmentationId } = await reportFixture(tmp.dir));
  path = join(tmp.dir, 'charts.xlsx');
  await engine.createClient().call('exports.report', { segmentationId, path });
  zip = await ZipArchive.open(path, statSync(path).size);
});
afterAll(() => {
  engine.dispose();
  tmp.cleanup();
});

describe('native Excel charts in the report', () => {
  it('every chart, drawing and the sheet holding them follow the schema’s element order', async () => {
    const names = [...zip.entries.keys()];
    const charts = names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(6);
    for (const name of [...charts, ...names.filter((n) => /^xl\/(drawings\/drawing\d+|worksheets\/sheet\d+)\.xml$/.test(n))]) {
      expect(problems(parseXml(await text(name))), name).toEqual([]);
    }
  });

  it('wires the parts together: content types, sheet → drawing → chart relationships', async () => {
    const types = await text('[Content_Types].xml');
    const charts = [...zip.entries.keys()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    for (const c of charts) expect(types).toContain(`<Override PartName="/${c}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
    expect(types).toContain('ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"');
    const sheet = await text('xl/worksheets/sheet1.xml');
    const rid = /<drawing r:id="(rId\d+)"\/>/.exec(sheet)?.[1];
    expect(rid).toBeDefined();
    const sheetRels = await text('xl/worksheets/_rels/sheet1.xml.rels');
    const drawingTarget = new RegExp(`Id="${rid}" Type="[^"]+/drawing" Target="\\.\\./drawings/(drawing\\d+\\.xml)"`).exec(sheetRels)?.[1];
    expect(drawingTarget).toBeDefined();
    const drawingRels = await text(`xl/drawings/_rels/${drawingTarget}.rels`);
    const targets = [...drawingRels.matchAll(/Target="\.\.\/charts\/(chart\d+\.xml)"/g)].map((m) => `xl/charts/${m[1]}`);
    expect(targets.sort()).toEqual(charts.sort());
    const drawing = parseXml(await text(`xl/drawings/${drawingTarget}`));
    expect(drawing.children.filter((c) => c.name === 'xdr:twoCellAnchor')).toHaveLength(6);
  });

  it('each series is bound to the overview table and caches exactly the cells it points at', async () => {
    const wb = XLSX.read(readFileSync(path));
    const cellsOf = (ref: string): unknown[] => {
      const m = /^'(.+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(ref)!;
      const ws = wb.Sheets[m[1]!]!;
      const range = XLSX.utils.decode_range(`${m[2]}${m[3]}:${m[4] ?? m[2]}${m[5] ?? m[3]}`);
      const out: unknown[] = [];
      for (let r = range.s.r; r <= range.e.r; r++) for (let c = range.s.c; c <= range.e.c; c++) out.push(ws[XLSX.utils.encode_cell({ r, c })]?.v ?? null);
      return out;
    };
    let checked = 0;
    for (const name of [...zip.entries.keys()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))) {
      for (const el of walk(parseXml(await text(name)))) {
        if (el.name !== 'c:numRef' && el.name !== 'c:strRef') continue;
        const ref = el.children.find((c) => c.name === 'c:f')!;
        const cache = el.children.find((c) => c.name === 'c:numCache' || c.name === 'c:strCache')!;
        const refText = ref.text;
        const pts = cache.children.filter((c) => c.name === 'c:pt');
        const count = Number(cache.children.find((c) => c.name === 'c:ptCount')!.attrs.val);
        const cells = cellsOf(refText);
        expect(count, refText).toBe(cells.length);
        for (const pt of pts) {
          const v = cells[Number(pt.attrs.idx)];
          const cached = pt.children.find((c) => c.name === 'c:v')!.text;
          expect(el.name === 'c:numRef' ? Number(cached) : cached, `${name} ${refText}`).toEqual(el.name === 'c:numRef' ? Number(v) : String(v));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('writes pictures instead when asked, and no chart parts', async () => {
    const images = join(tmp.dir, 'images.xlsx');
    const r = await engine.createClient().call('exports.report', { segmentationId, path: images, sheets: ['overview'], charts: 'images' });
    expect(r).toMatchObject({ charts: 0, images: 6 });
    const z = await ZipArchive.open(images, statSync(images).size);
    const names = [...z.entries.keys()];
    expect(names.filter((n) => n.startsWith('xl/charts/'))).toEqual([]);
    expect(names.filter((n) => /^xl\/media\/.+\.png$/.test(n))).toHaveLength(6);
  });
});


describe('saved chart specs in the report', () => {
  it('draws each saved chart natively over its data table, with the screen’s numbers', async () => {
    const client = engine.createClient();
    const ds = (await client.call('datasets.list', {})).find((d) => d.name === 'RFM-测试')!;
    const key = (name: string): string => ds.columns.find((c) => c.name === name)!.key;
    const share = await client.call('pivots.save', { name: '客户构成', datasetId: ds.id, chart: { kind: 'sharePie', request: { chart: 'share', datasetId: ds.id, group: key('细分') } } });
    const trend = await client.call('pivots.save', { name: '首次购买趋势', datasetId: ds.id, chart: { kind: 'trend', request: { chart: 'trend', datasetId: ds.id, date: key('首次购买'), amount: key('M') } } });
    const scatter = await client.call('pivots.save', { name: 'F 与 M', datasetId: ds.id, chart: { kind: 'scatter', request: { chart: 'scatter', datasetId: ds.id, x: key('F'), y: key('M'), group: key('细分') } } });
    const box = await client.call('pivots.save', { name: 'M 分布', datasetId: ds.id, chart: { kind: 'boxPlot', request: { chart: 'distribution', datasetId: ds.id, column: key('M') } } });
    expect((await client.call('pivots.list', { datasetId: ds.id })).map((p) => p.kind)).toEqual(['chart', 'chart', 'chart', 'chart']);
    const out = join(tmp.dir, 'saved-charts.xlsx');
    const r = await client.call('exports.report', { segmentationId, path: out, sheets: ['charts'], analyses: [share.id, trend.id, scatter.id, box.id] });
    // Pie as a doughnut, trend as lines, scatter per segment; a box plot has no native chart (table only).
    expect(r).toMatchObject({ sheets: ['图表'], charts: 3 });
    const z = await ZipArchive.open(out, statSync(out).size);
    const xml = await Promise.all([...z.entries.values()].filter((e) => e.name.startsWith('xl/charts/')).map(async (e) => (await z.read(e, 1 << 24)).toString('utf8')));
    expect(xml.some((x) => x.includes('<c:doughnutChart>') && x.includes('客户构成'))).toBe(true);
    expect(xml.some((x) => x.includes('<c:lineChart>') && x.includes('首次购买趋势'))).toBe(true);
    const scatterXml = xml.find((x) => x.includes('<c:scatterChart>'))!;
    expect(scatterXml.match(/<c:ser>/g)).toHaveLength(4);
    for (const part of xml) expect(problems(parseXml(part))).toEqual([]);
    const wb = XLSX.read(readFileSync(out));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['图表']!, { header: 1 });
    const data = await client.call('charts.data', { chart: 'share', datasetId: ds.id, group: key('细分') });
    const header = rows.findIndex((x) => x[0] === '类别');
    if (data.chart !== 'share') throw new Error('share data');
    expect(rows.slice(header + 1, header + 1 + data.data.labels.length).map((x) => [x[0], x[1]])).toEqual(data.data.labels.map((l, i) => [l, data.data.counts[i]]));
    expect(rows.some((x) => x[0] === '此类图表在 Excel 中没有对应的原生图表，仅列出数据。')).toBe(true);
  });
});
