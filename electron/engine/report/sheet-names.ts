/**
 * Excel sheet names: at most 31 characters, none of [ ] : * ? / \, not empty, not starting or
 * ending with an apostrophe, unique case-insensitively within a workbook.
 */
export function sanitizeSheetName(name: string, taken: Set<string> = new Set()): string {
  let base = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim();
  if (base === '') base = 'Sheet';
  base = [...base].slice(0, 31).join('');
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    candidate = [...base].slice(0, 31 - suffix.length).join('') + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}
