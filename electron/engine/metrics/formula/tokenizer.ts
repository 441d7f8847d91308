import { formulaError } from './formula-error';

export type TokenKind = 'number' | 'string' | 'ident' | 'quoted' | 'column' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';

export interface Token {
  kind: TokenKind;
  /** Numbers: the digits; strings and columns: the unescaped content; ops: the canonical operator. */
  text: string;
  pos: number;
  length: number;
}

/** Operators as typed, including the Chinese/full-width forms people paste from documents. */
const OPERATORS: Record<string, string> = {
  '+': '+',
  '-': '-',
  '−': '-',
  '*': '*',
  '×': '*',
  '/': '/',
  '÷': '/',
  '^': '^',
  '&': '&',
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '≠': '<>',
  '<': '<',
  '>': '>',
  '<=': '<=',
  '≤': '<=',
  '>=': '>=',
  '≥': '>=',
  '＋': '+',
  '－': '-',
  '＊': '*',
  '／': '/',
  '＝': '=',
  '＜': '<',
  '＞': '>',
};

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
/** Bare names: letters of any script, digits, underscore, dot (not starting with a digit). */
const isNameStart = (c: string): boolean => /[\p{L}_]/u.test(c);
const isNamePart = (c: string): boolean => /[\p{L}\p{N}_.]/u.test(c);

/** Splits a formula into tokens; a leading "=" (as typed in Excel) is allowed and skipped. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const start = src.trimStart();
  if (start.startsWith('=') || start.startsWith('＝')) i = src.length - start.length + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      const m = src.slice(i).match(/^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?/)!;
      out.push({ kind: 'number', text: m[0], pos: i, length: m[0].length });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === '“' || c === '”') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= src.length) throw formulaError(i, src.length - i, 'Text is missing its closing quote', '文本缺少结尾的引号');
        const d = src[j]!;
        if (d === '"' && src[j + 1] === '"') {
          text += '"';
          j += 2;
        } else if (d === '"' || d === '”' || d === '“') {
          j++;
          break;
        } else {
          text += d;
          j++;
        }
      }
      out.push({ kind: 'string', text, pos: i, length: j - i });
      i = j;
      continue;
    }
    if (c === "'" || c === '‘' || c === '’') {
      // A quoted dataset name, as Excel quotes sheet names: 'RFM-2018'[细分]; '' is a quote.
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= src.length) throw formulaError(i, src.length - i, 'Dataset name is missing its closing quote', "数据集名称缺少结尾的引号 '");
        const d = src[j]!;
        if (d === "'" && src[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (d === "'" || d === '’' || d === '‘') {
          j++;
          break;
        } else {
          text += d;
          j++;
        }
      }
      out.push({ kind: 'quoted', text, pos: i, length: j - i });
      i = j;
      continue;
    }
    if (c === '[' || c === '【') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= src.length) throw formulaError(i, src.length - i, 'Column reference is missing its closing ]', '列引用缺少结尾的 ]');
        const d = src[j]!;
        if (d === ']' && src[j + 1] === ']') {
          text += ']';
          j += 2;
        } else if (d === ']' || d === '】') {
          j++;
          break;
        } else {
          text += d;
          j++;
        }
      }
      if (text.trim() === '') throw formulaError(i, j - i, 'Empty column reference', '列引用为空');
      out.push({ kind: 'column', text, pos: i, length: j - i });
      i = j;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < src.length && isNamePart(src[j]!)) j++;
      out.push({ kind: 'ident', text: src.slice(i, j), pos: i, length: j - i });
      i = j;
      continue;
    }
    if (c === '(' || c === '（') {
      out.push({ kind: 'lparen', text: '(', pos: i, length: 1 });
      i++;
      continue;
    }
    if (c === ')' || c === '）') {
      out.push({ kind: 'rparen', text: ')', pos: i, length: 1 });
      i++;
      continue;
    }
    if (c === ',' || c === '，' || c === ';') {
      out.push({ kind: 'comma', text: ',', pos: i, length: 1 });
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    const op = OPERATORS[two] !== undefined && two.length === 2 ? two : OPERATORS[c] !== undefined ? c : null;
    if (op === null) throw formulaError(i, 1, `Unexpected character "${c}"`, `无法识别的字符「${c}」`);
    out.push({ kind: 'op', text: OPERATORS[op]!, pos: i, length: op.length });
    i += op.length;
  }
  out.push({ kind: 'end', text: '', pos: src.length, length: 0 });
  return out;
}
