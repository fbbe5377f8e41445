import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, PDFName } from "pdf-lib";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { PlacedField } from "../../../db/schema-signing";
import { AppError } from "../../../kernel/errors";
import { makePdf } from "../signing.testkit";
import { flattenFields, inspectPdf, outlineFields } from "./index";
import { poppler } from "./render.testkit";

/** A 300×100 RGBA PNG with a wavy stroke (encoded here: zlib plus the PNG chunk CRC). */
function signaturePng(): Uint8Array {
  const w = 300;
  const h = 100;
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * (w * 4 + 1) + 1 + x * 4;
      raw.set([10, 20, 80, Math.abs(y - 50 - 30 * Math.sin(x / 20)) < 3 ? 255 : 0], i);
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]));
}

function pdfimages(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), "atrium-render-")), "doc.pdf");
  writeFileSync(file, bytes);
  return spawnSync("pdfimages", ["-list", file], { encoding: "utf8" }).stdout;
}

const field = (over: Partial<PlacedField>): PlacedField => ({ id: "f", kind: "text", role: "applicant", page: 0, x: 60, y: 60, width: 200, height: 40, required: true, ...over });

async function expectRefusal(bytes: Uint8Array, code: string, status: number) {
  const err = await inspectPdf(bytes).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(status);
  expect((err as AppError).issues?.[0]).toMatchObject({ path: "body", code });
}

describe("inspectPdf", () => {
  it("reads the pages of a PDF", async () => {
    const info = await inspectPdf(await makePdf(3));
    expect(info).toEqual({ pageCount: 3, pages: [{ width: 595, height: 842 }, { width: 595, height: 842 }, { width: 595, height: 842 }] });
  });

  it("refuses a file that is not a PDF, a damaged one, an encrypted one and one without pages", async () => {
    await expectRefusal(new TextEncoder().encode("GIF89a not a pdf"), "not_pdf", 415);
    await expectRefusal(new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage"), "corrupt_pdf", 400);
    const encrypted = await PDFDocument.load(await makePdf(1));
    encrypted.context.trailerInfo.Encrypt = encrypted.context.obj({ Filter: "Standard", V: 2, R: 3, Length: 128, P: -4 });
    await expectRefusal(await encrypted.save({ useObjectStreams: false }), "encrypted_pdf", 400);
    const empty = await PDFDocument.create();
    await expectRefusal(await empty.save({ addDefaultPage: false }), "no_pages", 400);
  });
});

describe("flattenFields", () => {
  it("draws a signature image, names in any script and a tick as page content, and removes the form", async () => {
    const doc = await PDFDocument.load(await makePdf(2));
    const form = doc.getForm();
    form.createTextField("legacy").addToPage(doc.getPage(0), { x: 300, y: 300, width: 100, height: 20 });
    const withForm = await doc.save();
    const flat = await flattenFields(withForm, [
      { field: field({ id: "sig", kind: "signature", page: 1, height: 60 }), kind: "image", png: signaturePng() },
      { field: field({ id: "name", kind: "name", y: 120 }), kind: "text", text: "ليلى حداد" },
      { field: field({ id: "name2", kind: "name", y: 180 }), kind: "text", text: "陳美玲 and Dana" },
      { field: field({ id: "typed", kind: "signature", y: 240, height: 50 }), kind: "text", text: "Dana Whitfield" },
      { field: field({ id: "ok", kind: "checkbox", x: 400, width: 14, height: 14 }), kind: "check", checked: true },
    ]);
    const out = await PDFDocument.load(flat);
    expect(out.catalog.get(PDFName.of("AcroForm"))).toBeUndefined();
    expect(out.getPageCount()).toBe(2);
    expect(pdfimages(flat)).toMatch(/\n\s+2\s+\d+\s+image\s+300\s+100/);
    const text = poppler("pdftotext", flat).replace(/\s+/g, " ");
    expect(text).toContain("Dana Whitfield");
    expect(text).toContain("陳美玲");
    expect(text).toMatch(/ليلى|حداد/);
    expect(text).toContain("Clause 1.1");
    const fonts = poppler("pdffonts", flat);
    expect(fonts).toContain("NotoSansArabic-Regular");
    expect(fonts).toContain("NotoSansSC-Regular");
    expect(fonts).toContain("NotoSans-Regular");
  });
});

describe("outlineFields", () => {
  it("outlines each field with its label on the right page and keeps the page count", async () => {
    const pdf = await makePdf(2);
    const out = await outlineFields(pdf, [
      field({ id: "a", kind: "signature", page: 1, label: { en: "Applicant signature" } }),
      field({ id: "b", kind: "date", role: "guarantor", page: 0, y: 400 }),
    ]);
    expect(poppler("pdfinfo", out)).toMatch(/Pages:\s+2/);
    expect(poppler("pdftotext", out, ["-f", "2", "-l", "2"])).toContain("Applicant signature");
    expect(poppler("pdftotext", out, ["-f", "1", "-l", "1"])).toContain("date · guarantor");
  });
});
