import type { ColumnType } from '../../../../shared/contract/datasets';
import type { SqlCell } from '../plan';
import { convertCell } from '../value-parse';

/**
 * A text result written into a typed column: stored as a number when it converts (so "1,234"
 * typed into an amount column becomes 1234), else kept as text (an invalid cell, as on import).
 */
export function coerceForColumn(type: ColumnType, text: string): SqlCell {
  if (text.trim() === '') return null;
  if (type === 'text') return text;
  const r = convertCell(text, 'text', type);
  return r.ok ? r.value : text;
}
