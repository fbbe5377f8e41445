/**
 * What uploaded bytes are, by their magic numbers, whatever the name or the Content-Type says.
 * Surveys and onboarding accept the same three kinds; everything else is named in words.
 */
export const UPLOAD_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

const startsWith = (buf: Uint8Array, sig: number[]) => buf.length >= sig.length && sig.every((b, i) => buf[i] === b);

export function sniffType(buf: Uint8Array): UploadType | null {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  return null;
}

/** Why bytes that are no JPEG, PNG or PDF were refused, in words. */
export function describeBytes(buf: Uint8Array): string {
  if (startsWith(buf, [0x4d, 0x5a])) return "a Windows executable";
  if (startsWith(buf, [0x7f, 0x45, 0x4c, 0x46])) return "an ELF executable";
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return "a ZIP archive";
  if (startsWith(buf, [0x47, 0x49, 0x46, 0x38])) return "a GIF image";
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46])) return "a RIFF file (WebP, AVI or WAV)";
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return "a TIFF image";
  if (startsWith(buf, [0x3c])) return "a text or HTML file";
  return "not a JPEG, PNG or PDF file";
}
