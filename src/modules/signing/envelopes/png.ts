/**
 * Drawn signatures: the PNG a signature pad exports. We decode it ourselves (node:zlib on the IDAT
 * data, then the scanline filters) to refuse an empty pad: fewer than 0.5% of the pixels carry
 * ink (opaque and not near-white). Only 8-bit, non-interlaced images are accepted: that is what
 * every browser canvas exports.
 */
import { inflateSync } from "node:zlib";
import { AppError } from "../../../kernel/errors";

export const MAX_SIGNATURE_BYTES = 512 * 1024;
const MAX_PIXELS = 4_000_000;
export const MIN_INK_RATIO = 0.005;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PATH = "body.signature.image";

const bad = (message: string, code: string) => new AppError("validation_failed", message, { issues: [{ path: PATH, message, code }] });

export interface InkCount {
  width: number;
  height: number;
  ink: number;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Counts the ink pixels of a PNG; refuses what is not a PNG we can read. */
export function inkOf(bytes: Uint8Array): InkCount {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(PNG_MAGIC)) throw bad("The signature image is not a PNG", "not_png");
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  let palette: Buffer | null = null;
  let alphas: Buffer | null = null;
  const idat: Buffer[] = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (data.length !== len) throw bad("The signature image is truncated", "not_png");
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      colorType = data[9] ?? -1;
      if (depth !== 8 || data[12] !== 0 || CHANNELS[colorType] === undefined) throw bad("The signature image must be an 8-bit, non-interlaced PNG", "not_png");
    } else if (type === "PLTE") palette = data;
    else if (type === "tRNS") alphas = data;
    else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    pos += 12 + len;
  }
  if (!width || !height || idat.length === 0) throw bad("The signature image has no pixels", "not_png");
  if (width * height > MAX_PIXELS) throw bad("The signature image is too large", "too_large");
  const channels = CHANNELS[colorType] as number;
  const stride = width * channels;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: (stride + 1) * height });
  } catch {
    throw bad("The signature image cannot be decoded", "not_png");
  }
  if (raw.length < (stride + 1) * height) throw bad("The signature image is truncated", "not_png");
  let prev = Buffer.alloc(stride);
  let ink = 0;
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const filter = raw[start];
    const line = Buffer.from(raw.subarray(start + 1, start + 1 + stride));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (line[i - channels] as number) : 0;
      const b = prev[i] as number;
      const c = i >= channels ? (prev[i - channels] as number) : 0;
      const x = line[i] as number;
      const v = filter === 0 ? x : filter === 1 ? x + a : filter === 2 ? x + b : filter === 3 ? x + ((a + b) >> 1) : filter === 4 ? x + paeth(a, b, c) : -1;
      if (v < 0) throw bad("The signature image cannot be decoded", "not_png");
      line[i] = v & 0xff;
    }
    for (let px = 0; px < width; px++) if (isInk(line, px * channels, colorType, palette, alphas)) ink++;
    prev = line;
  }
  return { width, height, ink };
}

function isInk(line: Buffer, o: number, colorType: number, palette: Buffer | null, alphas: Buffer | null): boolean {
  let r: number;
  let g: number;
  let b: number;
  let alpha = 255;
  if (colorType === 3) {
    const idx = line[o] as number;
    r = palette?.[idx * 3] ?? 0;
    g = palette?.[idx * 3 + 1] ?? 0;
    b = palette?.[idx * 3 + 2] ?? 0;
    alpha = alphas && idx < alphas.length ? (alphas[idx] as number) : 255;
  } else if (colorType === 0 || colorType === 4) {
    r = g = b = line[o] as number;
    if (colorType === 4) alpha = line[o + 1] as number;
  } else {
    r = line[o] as number;
    g = line[o + 1] as number;
    b = line[o + 2] as number;
    if (colorType === 6) alpha = line[o + 3] as number;
  }
  return alpha > 32 && Math.min(r, g, b) < 200;
}

/** A drawn signature: a PNG of at most 512 KB with at least 0.5% ink. */
export function checkDrawnSignature(png: Uint8Array): void {
  if (png.byteLength > MAX_SIGNATURE_BYTES) throw new AppError("payload_too_large", "The signature image is larger than 512 KB", { issues: [{ path: PATH, message: "larger than 512 KB", code: "too_large" }] });
  const { width, height, ink } = inkOf(png);
  if (ink / (width * height) < MIN_INK_RATIO) throw bad("The signature is empty: draw your signature", "empty");
}
