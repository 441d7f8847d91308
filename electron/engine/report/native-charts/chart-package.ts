import { KequnError } from '../../../../shared/contract/errors';
import { readWorkbookParts } from '../../import/xlsx-parts';
import { attr } from '../../import/xml-text';
import { ZipArchive } from '../../import/zip-archive';
import { ZipWriter } from '../zip-writer';
import type { PlacedChart } from './chart-model';
import { chartXml } from './chart-xml';
import { CT_CHART, CT_DRAWING, drawingXml, REL_CHART, REL_DRAWING, relationshipsXml, withDrawing } from './drawing-xml';

/** The parts a workbook written by ExcelJS holds besides its sheets are small (XML, PNG). */
const PART_CAP = 256 * 1024 * 1024;

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

function parseRels(xml: string): { id: string; type: string; target: string; extra: string }[] {
  return [...xml.matchAll(/<Relationship\b[^>]*\/?>/g)].map((m) => ({
    id: attr(m[0], 'Id') ?? '',
    type: attr(m[0], 'Type') ?? '',
    target: attr(m[0], 'Target') ?? '',
    extra: attr(m[0], 'TargetMode') === 'External' ? ' TargetMode="External"' : '',
  }));
}

function relsWith(existing: string | null, id: string, type: string, target: string): string {
  if (existing === null) return relationshipsXml([{ id, type, target }]);
  const entry = `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  return existing.replace('</Relationships>', `${entry}</Relationships>`);
}

function freeId(taken: readonly string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`rId${n}`)) n++;
  return `rId${n}`;
}

/**
 * Copies an .xlsx package and adds native charts: per sheet a drawing part with one graphic
 * frame per chart, the chart parts, their relationships and content types. ExcelJS writes the
 * cells the charts are bound to; this only adds what ExcelJS cannot write. A sheet that already
 * has a drawing (pictures) is refused: the report puts charts and pictures on different sheets.
 */
export async function addChartsToPackage(inPath: string, size: number, outPath: string, placed: readonly PlacedChart[]): Promise<void> {
  const zip = await ZipArchive.open(inPath, size);
  const parts = await readWorkbookParts(zip);
  const names = new Set([...zip.entries.keys()].map((n) => n.toLowerCase()));
  const nextFree = (prefix: string, start: number): number => {
    let n = start;
    while (names.has(`${prefix}${n}.xml`.toLowerCase())) n++;
    return n;
  };
  const edits = new Map<string, string>();
  const added: { name: string; text: string }[] = [];
  const overrides: string[] = [];
  let chartNo = nextFree('xl/charts/chart', 1);
  let drawingNo = nextFree('xl/drawings/drawing', 1);
  const bySheet = new Map<string, PlacedChart[]>();
  for (const p of placed) bySheet.set(p.sheet, [...(bySheet.get(p.sheet) ?? []), p]);
  for (const [sheet, charts] of bySheet) {
    const part = parts.sheets.find((s) => s.name === sheet)?.path;
    const entry = part ? zip.get(part) : undefined;
    if (!part || !entry) throw new KequnError('REPORT_FAILED', `No sheet named ${sheet} for a chart`, { zh: `图表所在的工作表不存在：${sheet}` });
    const relsPath = relsPathOf(part);
    const relsEntry = zip.get(relsPath);
    const rels = relsEntry ? (await zip.read(relsEntry, PART_CAP)).toString('utf8') : null;
    const drawingName = `xl/drawings/drawing${drawingNo}.xml`;
    names.add(drawingName.toLowerCase());
    const frames = charts.map((c, i) => {
      const chartName = `xl/charts/chart${chartNo}.xml`;
      names.add(chartName.toLowerCase());
      added.push({ name: chartName, text: chartXml(c.chart) });
      overrides.push(`<Override PartName="/${chartName}" ContentType="${CT_CHART}"/>`);
      chartNo = nextFree('xl/charts/chart', chartNo + 1);
      return { anchor: c.anchor, rId: `rId${i + 1}`, name: c.chart.title, target: `../charts/${chartName.split('/').pop()!}` };
    });
    added.push({ name: drawingName, text: drawingXml(frames) });
    added.push({ name: relsPathOf(drawingName), text: relationshipsXml(frames.map((f) => ({ id: f.rId, type: REL_CHART, target: f.target }))) });
    overrides.push(`<Override PartName="/${drawingName}" ContentType="${CT_DRAWING}"/>`);
    const rId = freeId(rels ? parseRels(rels).map((r) => r.id) : []);
    const target = `../drawings/${drawingName.split('/').pop()!}`;
    edits.set(relsPath, relsWith(rels, rId, REL_DRAWING, target));
    edits.set(part, withDrawing((await zip.read(entry, PART_CAP)).toString('utf8'), rId));
    drawingNo = nextFree('xl/drawings/drawing', drawingNo + 1);
  }
  const types = zip.get('[Content_Types].xml');
  if (!types) throw new KequnError('REPORT_FAILED', 'The workbook package has no content types', { zh: '工作簿缺少内容类型清单' });
  edits.set('[Content_Types].xml', (await zip.read(types, PART_CAP)).toString('utf8').replace('</Types>', `${overrides.join('')}</Types>`));

  const out = new ZipWriter(outPath);
  try {
    const written = new Set<string>();
    for (const e of zip.entries.values()) {
      const edited = edits.get(e.name);
      if (edited !== undefined) await out.file(e.name, edited);
      else {
        const w = await out.entry(e.name);
        await w.writeBytes(await zip.read(e, PART_CAP));
        await w.end();
      }
      written.add(e.name);
    }
    for (const [name, text] of edits) if (!written.has(name)) await out.file(name, text);
    for (const a of added) await out.file(a.name, a.text);
    await out.close();
  } catch (e) {
    out.destroy();
    throw e;
  }
}
