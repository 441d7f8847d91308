import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every UI text exists in zh-CN and in complete English. Checks each `strings.ts` /
 * `*-strings.ts` under renderer/src: any exported object with 'zh-CN' and 'en' keys must have
 * the same keys (plural forms aside), non-empty texts and the same {{placeholders}} in both.
 */
const RENDERER = resolve(__dirname, '..', '..', '..', 'renderer', 'src');
const PLURAL = /_(zero|one|two|few|many|other)$/;

function stringFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return stringFiles(full);
    return /(^|-)strings\.ts$/.test(name) ? [full] : [];
  });
}

type Tree = { [key: string]: unknown };

function flatten(tree: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof tree === 'string') out.set(prefix, tree);
  else if (tree && typeof tree === 'object') {
    for (const [k, v] of Object.entries(tree as Tree)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, String(tree));
  return out;
}

/** Plural variants collapse to their base key; their placeholders are merged. */
function normalise(flat: Map<string, string>): Map<string, { texts: string[] }> {
  const out = new Map<string, { texts: string[] }>();
  for (const [k, v] of flat) {
    const base = k.replace(PLURAL, '');
    const entry = out.get(base) ?? { texts: [] };
    entry.texts.push(v);
    out.set(base, entry);
  }
  return out;
}

/** `count` is exempt: i18next passes it for plurals, and "one row" need not print it. */
const placeholders = (texts: string[]): string[] =>
  [...new Set(texts.flatMap((t) => [...t.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? '')))]
    .filter((p) => p !== 'count')
    .sort();

function isBilingual(v: unknown): v is { 'zh-CN': unknown; en: unknown } {
  return typeof v === 'object' && v !== null && 'zh-CN' in v && 'en' in v;
}

const files = stringFiles(RENDERER);

describe('UI strings are complete in both languages', () => {
  it('finds the shell strings and at least one feature', () => {
    const names = files.map((f) => relative(RENDERER, f).replace(/\\/g, '/'));
    expect(names).toContain('i18n/shell-strings.ts');
    expect(names).toContain('features/dataset-overview/strings.ts');
  });

  for (const file of files) {
    it(relative(RENDERER, file).replace(/\\/g, '/'), async () => {
      // Loaded at run time (vitest transpiles it); the renderer is not part of the tests' TS project.
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const sets = Object.entries(mod).filter(([, v]) => isBilingual(v));
      expect(sets.length).toBeGreaterThan(0);
      for (const [name, set] of sets) {
        if (!isBilingual(set)) continue;
        const zh = normalise(flatten(set['zh-CN']));
        const en = normalise(flatten(set.en));
        const where = `${name} in ${relative(RENDERER, file)}`;
        expect([...zh.keys()].filter((k) => !en.has(k)), `${where}: missing in en`).toEqual([]);
        expect([...en.keys()].filter((k) => !zh.has(k)), `${where}: missing in zh-CN`).toEqual([]);
        for (const [key, { texts }] of en) {
          const zhTexts = zh.get(key)?.texts ?? [];
          for (const t of [...texts, ...zhTexts]) expect(t.trim(), `${where}: ${key} is empty`).not.toBe('');
          expect(placeholders(texts), `${where}: ${key} placeholders`).toEqual(placeholders(zhTexts));
        }
      }
    });
  }
});
