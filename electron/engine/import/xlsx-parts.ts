import { corrupt } from './limits';
import type { NumberMeaning } from './raw-cell';
import { assertNoDoctype, attr, richText, unescapeXml } from './xml-text';
import type { ZipArchive } from './zip-archive';

const PART_CAP = 512 * 1024 * 1024;

export interface WorkbookParts {
  sheets: { name: string; path: string }[];
  date1904: boolean;
  /** Per cell style index: what its number format means (null = plain). */
  styleMeaning: (NumberMeaning | null)[];
  sharedStrings: string[];
}

async function readXml(zip: ZipArchive, path: string, required: boolean): Promise<string | null> {
  const entry = zip.get(path);
  if (!entry) {
    if (required) throw corrupt(`missing ${path}`, `缺少 ${path}`);
    return null;
  }
  const xml = (await zip.read(entry, PART_CAP)).toString('utf8');
  // A DTD may sit behind any amount of leading whitespace or comments: check the whole part.
  assertNoDoctype(xml, path);
  return xml;
}

/** Reads what the sheet stream needs besides the sheet itself: names, 1904 flag, styles, strings. */
export async function readWorkbookParts(zip: ZipArchive): Promise<WorkbookParts> {
  const workbook = (await readXml(zip, 'xl/workbook.xml', true))!;
  const rels = (await readXml(zip, 'xl/_rels/workbook.xml.rels', true))!;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets: WorkbookParts['sheets'] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], 'r:id');
    const path = rid ? targets.get(rid) : undefined;
    if (name && path) sheets.push({ name: unescapeXml(name), path });
  }
  const pr = workbook.match(/<workbookPr\b[^>]*>/)?.[0] ?? '';
  const d1904 = attr(pr, 'date1904');
  const styles = await readXml(zip, 'xl/styles.xml', false);
  const strings = await readXml(zip, 'xl/sharedStrings.xml', false);
  return {
    sheets,
    date1904: d1904 === '1' || d1904 === 'true',
    styleMeaning: styles ? parseStyles(styles) : [],
    sharedStrings: strings ? parseSharedStrings(strings) : [],
  };
}

function parseStyles(xml: string): (NumberMeaning | null)[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = attr(m[0], 'formatCode');
    if (code !== null) custom.set(id, unescapeXml(code));
  }
  const xfs = xml.match(/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => meaningOf(Number(attr(m[0], 'numFmtId') ?? 0), custom));
}

/** Built-in format ids: 14–22 and 45–47 dates/times, 27–36 and 50–58 East Asian dates, 9/10 percent, 5–8 currency. */
export function meaningOf(id: number, custom: Map<number, string>): NumberMeaning | null {
  const code = custom.get(id);
  if (code !== undefined) return meaningOfCode(code);
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return 'date';
  if (id === 9 || id === 10) return 'percent';
  if (id >= 5 && id <= 8) return 'currency';
  return null;
}

export function meaningOfCode(code: string): NumberMeaning | null {
  const bare = code.replace(/"[^"]*"|\\./g, '');
  if (isDateFormat(bare)) return 'date';
  if (bare.includes('%')) return 'percent';
  if (/[¥￥$€£]|\[\$/.test(code)) return 'currency';
  return null;
}

/** A number format that shows a date or time: y/m/d/h/s codes outside quotes and [colour] tags. */
function isDateFormat(bare: string): boolean {
  const first = bare.split(';')[0]!.replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '');
  if (/general/i.test(first)) return false;
  return /[ymdhsEe年月日时分秒]/.test(first.replace(/[eE][+-]/g, ''));
}

function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const open = xml.indexOf('<si', i);
    if (open === -1) break;
    const gt = xml.indexOf('>', open);
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push('');
      i = gt + 1;
      continue;
    }
    const close = xml.indexOf('</si>', gt);
    if (close === -1) break;
    out.push(richText(xml.slice(gt + 1, close)));
    i = close + 5;
  }
  return out;
}
