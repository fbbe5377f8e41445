/**
 * Phone photos of documents are 4–12 MB; reviewers need far less. Images are redrawn on a canvas,
 * longest side at most MAX_SIDE pixels, and re-encoded as JPEG (quality 0.85) before upload.
 * PDFs, small JPEG/PNG images and browsers without canvas send the file as chosen.
 * (Adapted from the survey's image.ts: larger side for legible documents, and it always shrinks
 * an image that is too large in pixels, not only in bytes.)
 */
export const MAX_SIDE = 2000;
const QUALITY = 0.85;
const SMALL = 400_000;

export async function downscale(file: File): Promise<Blob> {
  if (!/^image\//.test(file.type) || typeof createImageBitmap !== "function") return file;
  // Other image types the browser can decode (a camera's HEIC/WebP) are re-encoded as JPEG.
  const accepted = /^image\/(jpeg|png)$/.test(file.type);
  try {
    const bitmap = await createImageBitmap(file);
    const longest = Math.max(bitmap.width, bitmap.height);
    if (accepted && longest <= MAX_SIDE && file.size <= SMALL) {
      bitmap.close();
      return file;
    }
    const scale = Math.min(1, MAX_SIDE / longest);
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const g = canvas.getContext("2d");
    if (!g) return file;
    g.fillStyle = "#fff"; // a transparent PNG becomes a JPEG on white
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", QUALITY));
    return blob && (!accepted || blob.size < file.size || scale < 1) ? blob : file;
  } catch {
    return file;
  }
}

/** The name sent with a downscaled image: its extension follows the new type. */
export const uploadName = (file: File, blob: Blob): string => (blob === file || blob.type === file.type ? file.name : file.name.replace(/\.[^.]*$/, "") + ".jpg");
