/** PNG images made in code (a signature stroke, a nearly blank pad) for tests and the signing benchmark. */
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An RGBA PNG (filter "Sub" on odd rows, to exercise unfiltering) where `ink(x, y)` pixels are dark blue, the rest transparent. */
export function makePng(width: number, height: number, ink: (x: number, y: number) => boolean): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const px = Buffer.alloc(width * 4);
    for (let x = 0; x < width; x++) if (ink(x, y)) px.set([20, 30, 120, 255], x * 4);
    if (y % 2) {
      const f = Buffer.alloc(width * 4);
      for (let i = 0; i < px.length; i++) f[i] = ((px[i] as number) - (i >= 4 ? (px[i - 4] as number) : 0)) & 0xff;
      rows.push(Buffer.concat([Buffer.from([1]), f]));
    } else rows.push(Buffer.concat([Buffer.from([0]), px]));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** A wavy stroke 4 px thick across a 300×100 pad (about 4% ink). */
export const SIGNATURE_PNG = makePng(300, 100, (x, y) => Math.abs(y - (50 + 25 * Math.sin(x / 20))) < 2 && x > 20 && x < 280);
export const BLANK_PNG = makePng(300, 100, (x, y) => x === 150 && y === 50);

