import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One row of a CPU profile summary: where self time went. */
export interface SelfTime {
  fn: string;
  /** Source location (mapped through the bundle's source map when there is one). */
  at: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  /** Sampled milliseconds per thread file (the main thread and any worker threads). */
  threads: { file: string; sampledMs: number }[];
  top: SelfTime[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Self time per function over every .cpuprofile in `dir` (node --cpu-prof writes one per thread),
 * top `n`. Bundled code is mapped back to the TypeScript source so the names point at our files.
 */
export function summariseProfiles(dir: string, root: string, n = 10): ProfileSummary {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  const maps = new Map<string, SourceMap | null>();
  const self = new Map<string, { fn: string; at: string; us: number }>();
  const threads: ProfileSummary['threads'] = [];
  let totalUs = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    let fileUs = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      const frame = byId.get(profile.samples[i]!);
      const us = profile.timeDeltas[i] ?? 0;
      if (!frame) continue;
      fileUs += us;
      const at = locate(frame.url, frame.lineNumber, frame.columnNumber, maps, root);
      const fn = frame.functionName || '(anonymous)';
      const key = `${fn}@${at}`;
      const entry = self.get(key) ?? { fn, at, us: 0 };
      entry.us += us;
      self.set(key, entry);
    }
    totalUs += fileUs;
    threads.push({ file, sampledMs: Math.round(fileUs / 1000) });
  }
  const top = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, n)
    .map((e) => ({ fn: e.fn, at: e.at, ms: Math.round(e.us / 1000), pct: totalUs > 0 ? Math.round((e.us / totalUs) * 1000) / 10 : 0 }));
  return { threads, top };
}

function locate(url: string, line: number, column: number, maps: Map<string, SourceMap | null>, root: string): string {
  if (url === '') return '(native)';
  if (!url.startsWith('file://')) return url;
  const path = fileURLToPath(url);
  if (!maps.has(path)) maps.set(path, loadMap(path));
  const map = maps.get(path);
  const entry = map?.findEntry(line, column) as { originalSource?: string; originalLine?: number } | undefined;
  if (entry?.originalSource) {
    const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource;
    return `${relative(root, join(path, '..', source)).replace(/^(\.\.\/)+/, '')}:${(entry.originalLine ?? 0) + 1}`;
  }
  return `${relative(root, path)}:${line + 1}`;
}

function loadMap(path: string): SourceMap | null {
  try {
    return new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    return null;
  }
}
