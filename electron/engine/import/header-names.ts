import type { ImportWarning } from '../../../shared/contract/import';

export interface CleanHeader {
  /** Display name: trimmed, never empty, unique in the table. */
  name: string;
  /** Exactly as in the file (null when the cell was empty). */
  original: string | null;
}

/**
 * Display names from raw headers: trailing/leading spaces trimmed, empty ones named 列1, 列2…
 * (by position), and duplicates, also ones that differ only by spaces, made unique as "名 (2)".
 * Names like `__proto__` are ordinary strings here; nothing is keyed by them in plain objects.
 */
export function cleanHeaders(raw: (string | null)[], width: number, sheet: string | null): { headers: CleanHeader[]; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const taken = new Set<string>();
  const headers: CleanHeader[] = [];
  const base = (i: number): string => {
    const t = (raw[i] ?? '').replace(/\s+/g, ' ').trim();
    return t === '' ? `列${i + 1}` : t;
  };
  // Names the file gives explicitly are reserved first, so a generated 列3 never steals a real one.
  const explicit = new Set<string>();
  for (let i = 0; i < width; i++) if ((raw[i] ?? '').trim() !== '') explicit.add(base(i));
  for (let i = 0; i < width; i++) {
    const original = raw[i] ?? null;
    let name = base(i);
    if (original === null || original.trim() === '') {
      warnings.push(warn('EMPTY_HEADER', `Column ${i + 1} has no header; named ${name}`, `第 ${i + 1} 列没有列名，已命名为"${name}"`, sheet, name));
    }
    const generated = original === null || original.trim() === '';
    if (taken.has(name) || (generated && explicit.has(name))) {
      let k = 2;
      while (taken.has(`${name} (${k})`) || explicit.has(`${name} (${k})`)) k++;
      const unique = `${name} (${k})`;
      warnings.push(
        warn('DUPLICATE_HEADER', `Duplicate header "${name}" (column ${i + 1}) renamed to "${unique}"`, `列名"${name}"重复（第 ${i + 1} 列），已改为"${unique}"`, sheet, unique),
      );
      name = unique;
    }
    if (original !== null && original.trim() !== '' && original !== name && original.trim() === name) {
      warnings.push(warn('HEADER_TRIMMED', `Spaces trimmed from header "${original}"`, `已去掉列名"${original}"首尾的空格`, sheet, name));
    }
    taken.add(name);
    headers.push({ name, original });
  }
  return { headers, warnings };
}

export function warn(code: ImportWarning['code'], message: string, messageZh: string, sheet: string | null, column?: string): ImportWarning {
  return { code, message, messageZh, ...(sheet !== null ? { sheet } : {}), ...(column !== undefined ? { column } : {}) };
}
