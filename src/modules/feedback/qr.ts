import QRCode from "qrcode";

/** QR codes of survey links: medium error correction (survives a folded or dirty print), quiet zone 2. */
const OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

export async function qrPng(text: string, size = 512): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: "png", width: size });
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: "svg" });
}
