import { parseNumberText } from '../../clean/value-parse';
import { compileSafeRegex } from '../../clean/safe-regex';
import { expectType, unify, type Compiled } from './compile';
import { arity, numArg, textArg, type CallNode } from './function-args';
import { textOf } from './text-format';

/** Position (1-based, in characters as LEN counts them) of a UTF-16 index in a text. */
const charPos = (s: string, index: number): number => [...s.slice(0, index)].length + 1;
/** UTF-16 index of a 1-based character position. */
const unitIndex = (s: string, pos: number): number => [...s].slice(0, Math.max(0, pos - 1)).join('').length;

/** SEARCH's wildcards: * any run, ? one character, ~ escapes the next; matched case-insensitively. */
function wildcardPattern(find: string): string {
  let out = '';
  for (let i = 0; i < find.length; i++) {
    const c = find[i]!;
    if (c === '~' && i + 1 < find.length) out += escapeRegex(find[++i]!);
    else if (c === '*') out += '[\\s\\S]*?';
    else if (c === '?') out += '[\\s\\S]';
    else out += escapeRegex(c);
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/**
 * Text functions as in Excel: SEARCH (case-insensitive, wildcards), FIND (case-sensitive), SUBSTITUTE,
 * TEXT, VALUE, ISNUMBER and IFERROR. "Not found" and invalid input give an empty result (the
 * language's stand-in for #VALUE!), which ISNUMBER and IFERROR test.
 */
export function callTextFunction(node: CallNode, args: Compiled[]): Compiled | null {
  const a = node.args;
  switch (node.name) {
    case 'SEARCH':
    case 'FIND': {
      arity(node, 2, 3);
      const find = textArg(args[0]!, a[0]!, node.name);
      const within = textArg(args[1]!, a[1]!, node.name);
      const start = args[2] ? numArg(args[2], a[2]!, node.name) : () => 1;
      const search = node.name === 'SEARCH';
      // A constant pattern (the usual case) is compiled once, not per row.
      const pattern = a[0]!;
      const constant = pattern.kind === 'string' ? pattern.value : null;
      const cache = new Map<string, RegExp>();
      const regexOf = (f: string): RegExp => {
        let re = cache.get(f);
        if (!re) {
          re = compileSafeRegex(wildcardPattern(f.toLowerCase())).search;
          if (cache.size < 1000) cache.set(f, re);
        }
        return re;
      };
      if (constant !== null && search) regexOf(constant);
      return {
        type: 'number',
        fn: (row) => {
          const f = find(row);
          const s = within(row);
          const st = start(row);
          if (f === null || s === null || st === null || st < 1 || st > [...s].length + 1) return null;
          const from = unitIndex(s, Math.trunc(st));
          if (!search) {
            const at = s.indexOf(f, from);
            return at < 0 ? null : charPos(s, at);
          }
          const m = s.slice(from).toLowerCase().match(regexOf(f));
          return m ? charPos(s, from + (m.index ?? 0)) : null;
        },
      };
    }
    case 'SUBSTITUTE': {
      arity(node, 3, 4);
      const text = textArg(args[0]!, a[0]!, 'SUBSTITUTE');
      const old = textArg(args[1]!, a[1]!, 'SUBSTITUTE');
      const by = textArg(args[2]!, a[2]!, 'SUBSTITUTE');
      const nth = args[3] ? numArg(args[3], a[3]!, 'SUBSTITUTE') : null;
      return {
        type: 'text',
        fn: (row) => {
          const s = text(row);
          const o = old(row);
          const b = by(row) ?? '';
          if (s === null) return null;
          if (o === null || o === '') return s;
          if (nth === null) return s.split(o).join(b) || null;
          const k = nth(row);
          if (k === null || k < 1) return null;
          let at = -1;
          for (let i = 0; i < Math.trunc(k); i++) {
            at = s.indexOf(o, at + 1);
            if (at < 0) return s;
          }
          return s.slice(0, at) + b + s.slice(at + o.length) || null;
        },
      };
    }
    case 'TEXT': {
      arity(node, 2, 2);
      const value = args[0]!;
      if (value.type === 'blank') return { type: 'text', fn: () => null };
      const format = textArg(args[1]!, a[1]!, 'TEXT');
      const type = value.type;
      const f = value.fn;
      return {
        type: 'text',
        fn: (row) => {
          const v = f(row);
          const fmt = format(row);
          return v === null || fmt === null ? null : textOf(v, type, fmt);
        },
      };
    }
    case 'VALUE': {
      arity(node, 1, 1);
      expectType(args[0]!, a[0]!, ['text', 'number'], 'VALUE', 'VALUE');
      const f = args[0]!.fn;
      // The importer's reading of numbers as text: "1,234", "¥1,234.00", "12%", full-width digits.
      return { type: 'number', fn: (row) => {
        const v = f(row);
        return typeof v === 'number' ? v : typeof v === 'string' ? parseNumberText(v) : null;
      } };
    }
    case 'ISNUMBER': {
      arity(node, 1, 1);
      const f = args[0]!.fn;
      return { type: 'boolean', fn: (row) => typeof f(row) === 'number' };
    }
    case 'IFERROR': {
      arity(node, 2, 2);
      const value = args[0]!;
      const fallback = args[1]!;
      const type = unify(value.type, fallback.type, node);
      return { type, fn: (row) => value.fn(row) ?? fallback.fn(row) };
    }
    default:
      return null;
  }
}
