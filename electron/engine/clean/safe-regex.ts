import { setFlagsFromString } from 'node:v8';
import { KequnError } from '../../../shared/contract/errors';

/**
 * User regular expressions run on V8's linear-time engine (the `l` flag behind
 * --enable-experimental-regexp-engine): matching time grows linearly with the cell length
 * whatever the pattern, so "(a+)+$" cannot freeze the engine (no catastrophic backtracking).
 * We chose this over a worker with a timeout because it needs no copy of a million cells to
 * another thread and no kill/restart, and over pattern heuristics because it is a guarantee.
 * Patterns that need backtracking (back-references, look-around) are refused with a clear error.
 * Where the engine flag is unavailable, the same features plus nested quantifiers are refused.
 */
setFlagsFromString('--enable-experimental-regexp-engine');

const LINEAR_AVAILABLE = (() => {
  try {
    new RegExp('a', 'l');
    return true;
  } catch {
    return false;
  }
})();

function refuse(pattern: string, why: string, whyZh: string): never {
  throw new KequnError('CLEAN_FAILED', `Regular expression not allowed: ${why}`, {
    zh: `不支持这个正则表达式：${whyZh}`,
    details: { pattern },
  });
}

/** A compiled user pattern with two faces: search (leftmost match) and sticky (match at an index). */
export interface SafeRegex {
  search: RegExp;
  sticky: RegExp;
}

export function compileSafeRegex(pattern: string): SafeRegex {
  if (pattern.length > 1000) refuse(pattern, 'longer than 1,000 characters', '超过 1000 个字符');
  if (!LINEAR_AVAILABLE) {
    if (/\\[1-9]|\\k<|\(\?<?[=!]/.test(pattern)) refuse(pattern, 'back-references and look-around are not supported', '不支持反向引用和环视');
    if (/\([^()]*[+*}][^()]*\)[+*{]/.test(pattern)) refuse(pattern, 'nested repetition could take exponential time', '嵌套的重复可能导致极慢的匹配');
  }
  const flags = LINEAR_AVAILABLE ? 'l' : '';
  try {
    return { search: new RegExp(pattern, flags), sticky: new RegExp(pattern, flags + 'y') };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg.includes('linear time')) {
      refuse(pattern, 'back-references and look-around are not supported (they can take exponential time)', '不支持反向引用和环视（可能导致极慢的匹配）');
    }
    refuse(pattern, msg, `语法错误（${msg}）`);
  }
}

/** Expands $&, $1…$9 and $$ in a replacement. */
function expand(replacement: string, m: RegExpMatchArray): string {
  return replacement.replace(/\$(\$|&|[1-9])/g, (_, g: string) => {
    if (g === '$') return '$';
    if (g === '&') return m[0];
    return m[Number(g)] ?? '';
  });
}

/**
 * Replaces every match. The linear engine has no `g` flag, so the first match comes from a
 * leftmost search and the rest from sticky matches tried at each later index (anchors and \b
 * still see the whole cell). Returns null when nothing matched.
 */
export function replaceAll(re: SafeRegex, s: string, replacement: string): string | null {
  const first = s.match(re.search);
  if (!first) return null;
  const at = first.index ?? 0;
  let out = s.slice(0, at) + expand(replacement, first);
  let pos = at + first[0].length;
  if (first[0].length === 0) {
    out += s.slice(pos, pos + 1);
    pos += 1;
  }
  while (pos <= s.length) {
    re.sticky.lastIndex = pos;
    const m = s.match(re.sticky);
    if (m) {
      out += expand(replacement, m);
      if (m[0].length === 0) {
        if (pos < s.length) out += s[pos];
        pos += 1;
      } else pos += m[0].length;
    } else {
      if (pos < s.length) out += s[pos];
      pos += 1;
    }
  }
  return out;
}
