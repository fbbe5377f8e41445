/**
 * Phone cameras take 4–12 MB photos; a survey needs far less. Large images are redrawn on a canvas
 * at most MAX_SIDE pixels wide or high and re-encoded as JPEG before upload. Anything else (a PDF,
 * a small image, a browser without canvas) is sent as chosen.
 */
const MAX_SIDE = 1600;
const SHRINK_ABOVE = 1_500_000;

export async function downscale(file: File, maxBytes: number, accept: readonly string[]): Promise<Blob> {
  if (!/^image\/(jpeg|png)$/.test(file.type) || !accept.includes("image/jpeg")) return file;
  if (file.size <= Math.min(SHRINK_ABOVE, maxBytes)) return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const g = canvas.getContext("2d");
    if (!g) return file;
    g.fillStyle = "#fff"; // a transparent PNG becomes a JPEG on white
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}
