/**
 * Real OCR (tesseract.js with the packaged English model) on the fixture images of
 * tests/fixtures/mrz (see its README), and the local identity provider on top of it.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../kernel/errors";
import { parseMrz } from "../checks/mrz";
import { readMrz, terminateOcr } from "./ocr";
import { documentReasons, localIdentityProvider } from "./provider";

const DIR = new URL("../../../tests/fixtures/mrz/", import.meta.url);
const image = (file: string) => new Uint8Array(readFileSync(new URL(file, DIR)));
const manifest = JSON.parse(readFileSync(new URL("manifest.json", DIR), "utf8")) as Array<{ file: string; lines: string[] }>;
const linesOf = (file: string) => manifest.find((m) => m.file === file)?.lines ?? [];
const now = new Date("2026-11-23T12:00:00Z");

afterAll(() => terminateOcr());

describe("readMrz on rendered data pages", () => {
  // Every line covered by check digits must come back exactly; the name line (no check digit) too,
  // except on the rotated, speckled page, where only the surname is asserted (see the README).
  it.each([
    ["td3-specimen.png", "TD3", true],
    ["td1-specimen.png", "TD1", true],
    ["td3-synthetic.jpg", "TD3", true],
    ["td2-synthetic.png", "TD2", true],
    ["td3-rotated.png", "TD3", false],
  ] as const)("%s", async (file, format, exactNames) => {
    const expected = linesOf(file);
    const truth = parseMrz(expected.join("\n"), { now });
    const r = await readMrz(image(file), { now });
    expect(r.mrz.format).toBe(format);
    expect(r.mrz.valid).toBe(true);
    expect(r.ms).toBeGreaterThan(0);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.text.length).toBeGreaterThan(0);
    const nameLine = format === "TD1" ? 2 : 0;
    expect(r.mrz.lines.filter((_, i) => i !== nameLine)).toEqual(expected.filter((_, i) => i !== nameLine));
    const { givenNames, ...rest } = truth.fields;
    expect(r.mrz.fields).toMatchObject(rest);
    if (exactNames) {
      expect(r.mrz.lines).toEqual(expected);
      expect(r.mrz.fields.givenNames).toBe(givenNames);
    }
  });

  it("a page without a zone is ocr_unreadable", async () => {
    await expect(readMrz(image("no-mrz.png"))).rejects.toMatchObject({ code: "ocr_unreadable" });
  });

  it("bytes that are no image are ocr_unreadable, and the next read still works", async () => {
    await expect(readMrz(new TextEncoder().encode("definitely not an image"))).rejects.toBeInstanceOf(AppError);
    const r = await readMrz(image("td2-synthetic.png"), { now });
    expect(r.mrz.fields.surname).toBe("COHEN");
  });

  it("a read that takes longer than the timeout is ocr_unreadable, and the worker is replaced", async () => {
    await readMrz(image("td2-synthetic.png"), { now }); // the worker is up: the timeout measures recognition only
    await expect(readMrz(image("td3-specimen.png"), { timeoutMs: 5 })).rejects.toMatchObject({ code: "ocr_unreadable" });
    const r = await readMrz(image("td3-specimen.png"), { now });
    expect(r.mrz.fields.documentNumber).toBe("L898902C3");
  });

  it("queues concurrent reads on the one worker", async () => {
    const [a, b] = await Promise.all([readMrz(image("td2-synthetic.png"), { now }), readMrz(image("td1-specimen.png"), { now })]);
    expect(a.mrz.format).toBe("TD2");
    expect(b.mrz.format).toBe("TD1");
  });
});

describe("the local identity provider", () => {
  const provider = localIdentityProvider({ ocrTimeoutMs: 30_000, now: () => now });

  it("reviews the expired ICAO specimen, with the zone and the OCR figures", async () => {
    const v = await provider.verifyDocument({ image: image("td3-specimen.png"), contentType: "image/png" });
    expect(v.provider).toBe("local");
    expect(v.outcome).toBe("review");
    expect(v.reasons).toContain("document_expired");
    expect(v.mrz?.fields.surname).toBe("ERIKSSON");
    expect(v.raw).toMatchObject({ confidence: expect.any(Number), ms: expect.any(Number) });
  });

  it("fails a page without a zone (no exception)", async () => {
    const v = await provider.verifyDocument({ image: image("no-mrz.png"), contentType: "image/png" });
    expect(v).toMatchObject({ provider: "local", mrz: null, outcome: "fail", reasons: ["mrz_not_found"] });
  });

  it("sends every selfie to a person", async () => {
    const v = await provider.verifySelfie({ selfie: image("no-mrz.png"), document: image("td3-specimen.png") });
    expect(v).toEqual({ provider: "local", outcome: "review", reasons: ["selfie_needs_human_comparison"] });
  });

  it("passes only a clean, unexpired, confidently read zone", () => {
    const zone = (text: string) => parseMrz(text, { now });
    const clean = zone("P<UTOHAMDAN<<LAYLA<NOOR<<<<<<<<<<<<<<<<<<<<<\nC7Y40K2M18UTO9103052F3409176<<<<<<<<<<<<<<<6");
    expect(clean.valid).toBe(true);
    expect(documentReasons({ mrz: clean, confidence: 80 })).toEqual([]);
    expect(documentReasons({ mrz: clean, confidence: 10 })).toEqual(["low_ocr_confidence"]);
    const corrected = zone("P<UTOHAMDAN<<LAYLA<NOOR<<<<<<<<<<<<<<<<<<<<<\nC7Y40K2M18UT09103052F3409176<<<<<<<<<<<<<<<6");
    expect(documentReasons({ mrz: corrected, confidence: 80 })).toEqual(["ocr_corrections"]);
    const broken = zone("P<UTOHAMDAN<<LAYLA<NOOR<<<<<<<<<<<<<<<<<<<<<\nC7Y40K2M18UTO9103053F3409176<<<<<<<<<<<<<<<6");
    expect(documentReasons({ mrz: broken, confidence: 80 })).toEqual(["check_digit_mismatch"]);
    const odd = zone("P<QQQHAMDAN<<LAYLA<NOOR<<<<<<<<<<<<<<<<<<<<<\nC7Y40K2M18UTO9103052F3409176<<<<<<<<<<<<<<<6");
    expect(documentReasons({ mrz: odd, confidence: 80 })).toEqual(["unknown_state_code"]);
  });
});
