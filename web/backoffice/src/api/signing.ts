import { exchangeFile } from "./client";
import type { SealVerification } from "./types";

export const signing = {
  /** The same PDF with the bank's electronic seal (PAdES B-B). */
  seal: (pdf: Blob) => exchangeFile("/signing/seal", pdf, "application/pdf"),
  /** What the public check says of a PDF. */
  verify: async (pdf: Blob): Promise<SealVerification> => JSON.parse(await (await exchangeFile("/signing/verify", pdf, "application/pdf")).text()) as SealVerification,
};
