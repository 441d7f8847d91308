/**
 * Byte-level mutations for the importer fuzzer: the classic AFL-style set (bit flips, interesting
 * bytes, deletions, duplications, splices, truncation) plus text-aware ones for CSV (delimiters,
 * quotes, line breaks, GBK/UTF-8 fragments).
 */
const INTERESTING = [0x00, 0xff, 0x7f, 0x80, 0x22, 0x2c, 0x0a, 0x0d, 0x09, 0x3b, 0x3c, 0x3e, 0x26, 0xef, 0xbb, 0xbf, 0xfe];
const TOKENS = ['"', '""', ',', ';', '\t', '\r\n', '\n', '\r', '=', '<', '>', '&amp;', '<!ENTITY', '中', '\u00a5', '1e309', '-0', '2014/2/29', 'NA', "'null", '\uFEFF', '\u0000'];

export function mutate(input: Buffer, random: () => number): Buffer {
  const pick = (n: number): number => Math.floor(random() * n);
  let out = Buffer.from(input);
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds; r++) {
    if (out.length === 0) out = Buffer.from([pick(256)]);
    const at = pick(out.length);
    switch (pick(8)) {
      case 0: // bit flip
        out[at] = out[at]! ^ (1 << pick(8));
        break;
      case 1: // interesting byte
        out[at] = INTERESTING[pick(INTERESTING.length)]!;
        break;
      case 2: {
        // delete a run
        const len = 1 + pick(Math.min(64, out.length - at));
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + len)]);
        break;
      }
      case 3: {
        // duplicate a run
        const len = 1 + pick(Math.min(256, out.length - at));
        out = Buffer.concat([out.subarray(0, at + len), out.subarray(at, at + len), out.subarray(at + len)]);
        break;
      }
      case 4: // truncate
        out = out.subarray(0, at);
        break;
      case 5: {
        // insert a token
        const tok = Buffer.from(TOKENS[pick(TOKENS.length)]!, 'utf8');
        out = Buffer.concat([out.subarray(0, at), tok, out.subarray(at)]);
        break;
      }
      case 6: {
        // overwrite a 4-byte little-endian integer (sizes and offsets in zip headers)
        if (at + 4 <= out.length) out.writeUInt32LE([0, 0xffffffff, 0x7fffffff, pick(1 << 30)][pick(4)]!, at);
        break;
      }
      default: {
        // random bytes
        const len = 1 + pick(16);
        const bytes = Buffer.from(Array.from({ length: len }, () => pick(256)));
        out = Buffer.concat([out.subarray(0, at), bytes, out.subarray(at)]);
      }
    }
  }
  return out;
}
