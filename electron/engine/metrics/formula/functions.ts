import type { FormulaType } from '../../../../shared/contract/metrics';
import { expectType, numOp, toText, unify, type CompileEnv, type Compiled, type Value } from './compile';
import { formulaError } from './formula-error';
import { arity, boolArg, numArg, textArg, type CallNode } from './function-args';
import { callTextFunction } from './functions-text';

const DAY_MS = 86_400_000;

/** Excel's ROUND: halves away from zero, with a nudge against binary representation (2.675 → 2.68). */
export function roundHalfAway(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(Math.abs(x) * f * (1 + Number.EPSILON)) / f;
  return x < 0 ? -r : r;
}

/** Complete months from a to b (both epoch ms), as DATEDIF "M". */
function monthsBetween(a: number, b: number): number {
  const da = new Date(a);
  const db = new Date(b);
  let m = (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
  if (db.getUTCDate() < da.getUTCDate()) m--;
  return m;
}

const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

/** Compiles one function call; argument types are checked here, with the argument's position. */
export function callFunction(node: CallNode, args: Compiled[], env: CompileEnv): Compiled {
  const a = node.args;
  switch (node.name) {
    case 'IF': {
      arity(node, 2, 3);
      const cond = boolArg(args[0]!, a[0]!, 'IF');
      const yes = args[1]!;
      const no: Compiled = args[2] ?? { type: 'blank', fn: () => null };
      const type = unify(yes.type, no.type, node);
      return { type, fn: (row) => (cond(row) === true ? yes.fn(row) : cond(row) === false ? no.fn(row) : null) };
    }
    case 'IFS': {
      if (a.length < 2 || a.length % 2 !== 0) {
        throw formulaError(node.pos, node.length, 'IFS takes pairs of condition, value', 'IFS 的参数应成对出现：条件, 值');
      }
      const conds: ((row: number) => boolean | null)[] = [];
      const vals: Compiled[] = [];
      let type: FormulaType = 'blank';
      for (let i = 0; i < a.length; i += 2) {
        conds.push(boolArg(args[i]!, a[i]!, 'IFS'));
        vals.push(args[i + 1]!);
        type = unify(type, args[i + 1]!.type, a[i + 1]!);
      }
      return {
        type,
        fn: (row) => {
          for (let i = 0; i < conds.length; i++) if (conds[i]!(row) === true) return vals[i]!.fn(row);
          return null;
        },
      };
    }
    case 'AND':
    case 'OR': {
      arity(node, 1, 255);
      const fs = args.map((c, i) => boolArg(c, a[i]!, node.name));
      const isAnd = node.name === 'AND';
      return {
        type: 'boolean',
        fn: (row) => {
          let sawNull = false;
          for (const f of fs) {
            const v = f(row);
            if (v === null) sawNull = true;
            else if (v !== isAnd) return !isAnd;
          }
          return sawNull ? null : isAnd;
        },
      };
    }
    case 'NOT': {
      arity(node, 1, 1);
      const f = boolArg(args[0]!, a[0]!, 'NOT');
      return { type: 'boolean', fn: (row) => (f(row) === null ? null : !f(row)) };
    }
    case 'ROUND': {
      arity(node, 1, 2);
      const x = numArg(args[0]!, a[0]!, 'ROUND');
      const d = args[1] ? numArg(args[1], a[1]!, 'ROUND') : () => 0;
      return { type: 'number', fn: (row) => numOp(x(row), d(row), (v, n) => roundHalfAway(v, Math.trunc(n))) };
    }
    case 'ABS': {
      arity(node, 1, 1);
      const x = numArg(args[0]!, a[0]!, 'ABS');
      return { type: 'number', fn: (row) => numOp(x(row), 0, (v) => Math.abs(v)) };
    }
    case 'LN': {
      arity(node, 1, 1);
      const x = numArg(args[0]!, a[0]!, 'LN');
      return { type: 'number', fn: (row) => numOp(x(row), 0, (v) => (v > 0 ? Math.log(v) : NaN)) };
    }
    case 'LOG': {
      arity(node, 1, 2);
      const x = numArg(args[0]!, a[0]!, 'LOG');
      const base = args[1] ? numArg(args[1], a[1]!, 'LOG') : () => 10;
      return { type: 'number', fn: (row) => numOp(x(row), base(row), (v, b) => (v > 0 && b > 0 && b !== 1 ? Math.log(v) / Math.log(b) : NaN)) };
    }
    case 'MIN':
    case 'MAX': {
      arity(node, 1, 255);
      let type: FormulaType = 'blank';
      args.forEach((c, i) => {
        expectType(c, a[i]!, ['number', 'date'], node.name, node.name);
        type = unify(type, c.type, a[i]!);
      });
      const fs = args.map((c) => c.fn);
      const isMin = node.name === 'MIN';
      // Like Excel over a range: empty cells are skipped; all empty gives empty.
      return {
        type,
        fn: (row) => {
          let best: number | null = null;
          for (const f of fs) {
            const v = f(row);
            if (typeof v === 'number' && (best === null || (isMin ? v < best : v > best))) best = v;
          }
          return best;
        },
      };
    }
    case 'DATEDIF': {
      arity(node, 2, 3);
      const s = numArg(args[0]!, a[0]!, 'DATEDIF', ['date']);
      const e = numArg(args[1]!, a[1]!, 'DATEDIF', ['date']);
      let unit = 'D';
      if (a[2]) {
        if (a[2].kind !== 'string' || !['D', 'M', 'Y'].includes(a[2].value.toUpperCase())) {
          throw formulaError(a[2].pos, a[2].length, 'DATEDIF unit must be "D", "M" or "Y"', 'DATEDIF 的单位应为 "D"、"M" 或 "Y"');
        }
        unit = a[2].value.toUpperCase();
      }
      return {
        type: 'number',
        fn: (row) => {
          const x = s(row);
          const y = e(row);
          if (x === null || y === null || y < x) return null;
          if (unit === 'D') return dayOf(y) - dayOf(x);
          const m = monthsBetween(x, y);
          return unit === 'M' ? m : Math.floor(m / 12);
        },
      };
    }
    case 'DAYS': {
      arity(node, 2, 2);
      const e = numArg(args[0]!, a[0]!, 'DAYS', ['date']);
      const s = numArg(args[1]!, a[1]!, 'DAYS', ['date']);
      return { type: 'number', fn: (row) => numOp(e(row), s(row), (y, x) => dayOf(y) - dayOf(x)) };
    }
    case 'TODAY': {
      arity(node, 0, 0);
      const t = env.today;
      return { type: 'date', fn: () => t };
    }
    case 'DATE': {
      arity(node, 3, 3);
      const [y, m, d] = args.map((c, i) => numArg(c, a[i]!, 'DATE')) as [(r: number) => number | null, (r: number) => number | null, (r: number) => number | null];
      return {
        type: 'date',
        fn: (row) => {
          const yy = y(row);
          const mm = m(row);
          const dd = d(row);
          // Like Excel, months and days roll over (DATE(2024, 13, 1) is 2025-01-01).
          return yy === null || mm === null || dd === null ? null : Date.UTC(Math.trunc(yy), Math.trunc(mm) - 1, Math.trunc(dd));
        },
      };
    }
    case 'YEAR':
    case 'MONTH':
    case 'DAY': {
      arity(node, 1, 1);
      const d = numArg(args[0]!, a[0]!, node.name, ['date']);
      const part = node.name === 'YEAR' ? (x: Date) => x.getUTCFullYear() : node.name === 'MONTH' ? (x: Date) => x.getUTCMonth() + 1 : (x: Date) => x.getUTCDate();
      return {
        type: 'number',
        fn: (row) => {
          const v = d(row);
          return v === null ? null : part(new Date(v));
        },
      };
    }
    case 'LEFT':
    case 'RIGHT': {
      arity(node, 1, 2);
      const t = textArg(args[0]!, a[0]!, node.name);
      const n = args[1] ? numArg(args[1], a[1]!, node.name) : () => 1;
      const left = node.name === 'LEFT';
      return {
        type: 'text',
        fn: (row) => {
          const s = t(row);
          const k = n(row);
          if (s === null || k === null || k < 0) return null;
          const chars = [...s];
          const out = (left ? chars.slice(0, Math.trunc(k)) : chars.slice(Math.max(0, chars.length - Math.trunc(k)))).join('');
          return out === '' ? null : out;
        },
      };
    }
    case 'MID': {
      arity(node, 3, 3);
      const t = textArg(args[0]!, a[0]!, 'MID');
      const start = numArg(args[1]!, a[1]!, 'MID');
      const len = numArg(args[2]!, a[2]!, 'MID');
      return {
        type: 'text',
        fn: (row) => {
          const s = t(row);
          const st = start(row);
          const ln = len(row);
          if (s === null || st === null || ln === null || st < 1 || ln < 0) return null;
          const out = [...s].slice(Math.trunc(st) - 1, Math.trunc(st) - 1 + Math.trunc(ln)).join('');
          return out === '' ? null : out;
        },
      };
    }
    case 'LEN': {
      arity(node, 1, 1);
      const t = textArg(args[0]!, a[0]!, 'LEN');
      return { type: 'number', fn: (row) => [...(t(row) ?? '')].length };
    }
    case 'CONCAT':
    case 'CONCATENATE': {
      arity(node, 1, 255);
      const parts = args.map((c) => ({ f: c.fn, type: c.type }));
      return { type: 'text', fn: (row) => parts.map((p) => toText(p.f(row), p.type)).join('') };
    }
    case 'ISBLANK': {
      arity(node, 1, 1);
      const f = args[0]!.fn;
      return { type: 'boolean', fn: (row) => f(row) === null };
    }
    default: {
      const text = callTextFunction(node, args);
      if (text) return text;
      throw formulaError(node.pos, node.name.length, `Unknown function ${node.name}`, `未知函数 ${node.name}`);
    }
  }
}

export type { Value };
