import { KequnError } from '../../../../shared/contract/errors';

/** Every formula problem is a FORMULA_ERROR pointing at the offending text (0-based, UTF-16). */
export function formulaError(position: number, length: number, en: string, zh: string): KequnError {
  return new KequnError('FORMULA_ERROR', `${en} (at ${position + 1})`, {
    zh: `${zh}（第 ${position + 1} 个字符）`,
    details: { position, length: Math.max(1, length) },
  });
}
