/** Test helpers for rendering: sample document data per language and poppler's view of a PDF. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DocumentData, Lang } from "./index";

export const CUSTOMER: Record<Lang, string> = {
  en: "Dana Whitfield",
  he: "דנה לוי",
  ar: "ليلى حداد",
  "zh-Hans": "王小明",
  "zh-Hant": "陳美玲",
};

export function sampleData(language: Lang, signers: DocumentData["signers"] = [{ role: "applicant", name: CUSTOMER[language] }]): DocumentData {
  return {
    language,
    bank: { name: "Harbor Bank" },
    reference: "APP-2026-00042",
    product: "personal_loan",
    productName: "Personal loan",
    date: new Date("2026-11-23T10:00:00Z"),
    customer: { name: CUSTOMER[language], email: "customer@example.com", phone: "+972 50 123 4567", address: "12 Herzl St, Haifa" },
    details: [
      { label: "Employer", value: "Acme Ltd" },
      { label: "IBAN", value: "IL62 0108 0000 0009 9999 999" },
    ],
    loan: { amount: "ILS 50,000.00", termMonths: 36, rate: "6.9%", monthly: "ILS 1,541.60" },
    signers,
  };
}

function tempFile(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), "atrium-render-")), "doc.pdf");
  writeFileSync(file, bytes);
  return file;
}

export function poppler(tool: "pdftotext" | "pdffonts" | "pdfinfo", bytes: Uint8Array, args: string[] = []): string {
  const file = tempFile(bytes);
  const r = spawnSync(tool, [...args, file, ...(tool === "pdftotext" ? ["-"] : [])], { encoding: "utf8" });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr}`);
  return r.stdout;
}
