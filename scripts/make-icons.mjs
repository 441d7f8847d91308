// Draws the app icon (three customer clusters on a blue rounded square) and writes PNGs into
// build/icons/: icon.png (512, win/mac), 512x512.png and 256x256.png (linux). A tiny PNG
// encoder on node:zlib, so no image package is needed. Usage: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels (Uint8Array, size*size*4) → PNG bytes (8-bit RGBA, no interlace, filter 0). */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const TOP = hex('#2f80ed');
const BOTTOM = hex('#1a4fb0');
const CLUSTERS = [
  { x: 0.36, y: 0.4, r: 0.15, color: hex('#ffffff') },
  { x: 0.66, y: 0.38, r: 0.11, color: hex('#ffd166') },
  { x: 0.52, y: 0.68, r: 0.13, color: hex('#7ee0c3') },
];

/** Colour of one sample point (u, v in 0..1), or null outside the rounded square. */
function sample(u, v) {
  const m = 0.04;
  const radius = 0.2;
  const cx = Math.min(Math.max(u, m + radius), 1 - m - radius);
  const cy = Math.min(Math.max(v, m + radius), 1 - m - radius);
  if ((u - cx) ** 2 + (v - cy) ** 2 > radius ** 2) return null;
  for (const c of CLUSTERS) if ((u - c.x) ** 2 + (v - c.y) ** 2 <= c.r ** 2) return c.color;
  const t = (v - m) / (1 - 2 * m);
  return TOP.map((a, i) => a + (BOTTOM[i] - a) * t);
}

/** Renders with 4×4 supersampling so edges are smooth. */
function drawIcon(size) {
  const ss = 4;
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = sample((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (y * size + x) * 4;
      if (a > 0) {
        px[o] = Math.round(r / a);
        px[o + 1] = Math.round(g / a);
        px[o + 2] = Math.round(b / a);
        px[o + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return px;
}

mkdirSync(out, { recursive: true });
const big = encodePng(512, drawIcon(512));
writeFileSync(join(out, 'icon.png'), big);
writeFileSync(join(out, '512x512.png'), big);
writeFileSync(join(out, '256x256.png'), encodePng(256, drawIcon(256)));
console.log(`icons: ${out}`);
