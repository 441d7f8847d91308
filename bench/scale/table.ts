import type { TableRow } from './context';

const seconds = (ms: number | null): string => (ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const mb = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${v}`);

function verdict(r: TableRow): string {
  const time = r.met === null ? '' : r.met ? 'met' : 'NOT met';
  const memory = r.memBoundMb === undefined || r.peakMb === null ? '' : r.peakMb < r.memBoundMb ? 'mem met' : 'mem NOT met';
  return [time, memory].filter((x) => x !== '').join(', ') || '—';
}

/** The readable table (Markdown): one line per figure, ours next to the reference with the ratio. */
export function renderTable(rows: TableRow[], header: string[]): string {
  const head = ['size', 'what', 'kequn', 'reference', 'ref time', 'ratio', 'target', 'verdict', 'peak MB', 'ref peak MB', 'note'];
  const lines = rows.map((r) => [
    r.size,
    r.what,
    seconds(r.oursMs),
    r.ref,
    seconds(r.refMs),
    r.ratio === null ? '—' : `${r.ratio}×`,
    r.memBoundMb === undefined ? r.target : `${r.target}, < ${r.memBoundMb} MB`,
    verdict(r),
    mb(r.peakMb),
    mb(r.refPeakMb),
    (r.note ?? '').replaceAll('|', '/').replaceAll('\n', ' '),
  ]);
  const esc = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [...header, '', esc(head), esc(head.map(() => '---')), ...lines.map(esc), ''].join('\n');
}
