import { columnIndex } from './sheet-xml-scanner';
import type { MergeRange } from './sheet-source';

/** Merged ranges that start this far down cannot belong to a header. */
export const HEADER_MERGE_ROWS = 50;
/** The merge list is small; megabytes of it are not a header. */
const MAX_MERGE_TEXT = 8 * 1024 * 1024;

/**
 * Reads `<mergeCells>` of a sheet part from its decoded text chunks. In sheet XML the merges come
 * after `<sheetData>`, so a streaming reader only learns them at the end; this second pass keeps
 * nothing but a short tail until `</sheetData>`, then the merge list. Only ranges near the top.
 */
export async function readMerges(chunks: AsyncIterable<string>): Promise<MergeRange[]> {
  let tail = '';
  let merges: string | null = null;
  for await (const text of chunks) {
    if (merges === null) {
      const s = tail + text;
      const end = s.indexOf('</sheetData>');
      if (end === -1) {
        tail = s.slice(-16);
        continue;
      }
      merges = s.slice(end);
    } else merges += text;
    if (merges.includes('</mergeCells>') || merges.length > MAX_MERGE_TEXT) break;
  }
  return parseMergeRefs(merges ?? '');
}

export function parseMergeRefs(xml: string): MergeRange[] {
  const out: MergeRange[] = [];
  for (const m of xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
    const r0 = Number(m[2]) - 1;
    if (r0 >= HEADER_MERGE_ROWS) continue;
    out.push({ r0, c0: columnIndex(m[1]!), r1: Number(m[4]) - 1, c1: columnIndex(m[3]!) });
  }
  return out;
}
