import { describe, expect, it } from "vitest";
import { loadFont } from "./fonts";
import { breakUnits, shapeLine, wrap } from "./shape";


describe("shaping", () => {
  it("joins Arabic letters: the glyphs differ from the isolated forms", () => {
    const arabic = loadFont("arabic");
    const word = "حساب";
    const isolated = [...word].map((ch) => arabic.glyphOf(ch.codePointAt(0) ?? 0));
    // Noto Sans Arabic draws dots as separate zero-advance marks: compare the base glyphs.
    const bases = shapeLine(word, "ar", { size: 10 }).runs.flatMap((r) => r.glyphs.filter((g) => g.ax > 0).map((g) => g.gid));
    expect(bases).toHaveLength(4);
    // Visual order is right to left: reverse to compare letter by letter.
    const logical = [...bases].reverse();
    const changed = logical.filter((g, i) => g !== isolated[i]);
    expect(changed.length).toBeGreaterThanOrEqual(3);
  });

  it("positions Arabic marks with non-zero offsets (GPOS), which plain PDF text drawing would lose", () => {
    const line = shapeLine("بِسْمِ", "ar", { size: 10 });
    const marks = line.runs.flatMap((r) => r.glyphs).filter((g) => g.ax === 0);
    expect(marks.length).toBeGreaterThanOrEqual(3);
    for (const m of marks) expect(Math.abs(m.dx) + Math.abs(m.dy)).toBeGreaterThan(0);
  });

  it("keeps digits left to right inside Arabic, with the Arabic word on the right", () => {
    const line = shapeLine("حساب 1234", "ar", { size: 10 });
    expect(line.runs[0]?.font).toBe("latin");
    expect(line.runs[0]?.glyphs.map((g) => g.text).join("")).toBe("1234");
    expect(line.runs.at(-1)?.font).toBe("arabic");
    expect(line.runs.at(-1)?.rtl).toBe(true);
  });

  it("draws Latin names inside a Hebrew line with Noto Sans, in their own order", () => {
    const line = shapeLine("לקוח: Dana Levi", "he", { size: 10 });
    const latin = line.runs.find((r) => r.font === "latin");
    expect(latin?.glyphs.map((g) => g.text).join("")).toBe("Dana Levi");
    expect(line.runs.at(-1)?.font).toBe("hebrew");
  });

  it("mirrors brackets in right-to-left runs", () => {
    const rtl = shapeLine("(حساب)", "ar", { size: 10 }).runs.flatMap((r) => r.glyphs);
    const arabic = loadFont("arabic");
    // Visually leftmost is the logical ")" — drawn with the "(" shape.
    expect(rtl[0]?.text).toBe(")");
    expect(rtl[0]?.gid).toBe(arabic.glyphOf(0x28));
    expect(rtl.at(-1)?.gid).toBe(arabic.glyphOf(0x29));
  });

  it("uses the Traditional Chinese font for zh-Hant and the Simplified one otherwise", () => {
    expect(shapeLine("銀行", "zh-Hant", { size: 10 }).runs[0]?.font).toBe("tc");
    expect(shapeLine("银行", "zh-Hans", { size: 10 }).runs[0]?.font).toBe("sc");
  });
});

describe("line breaking", () => {
  it("breaks between Han characters but never before closing punctuation", () => {
    const units = breakUnits("您好，世界。再见");
    expect(units).toEqual(["您", "好，", "世", "界。", "再", "见"]);
  });

  it("wraps at spaces within the width and cuts a word longer than the line", () => {
    const lines = wrap("The customer and the bank agree to these terms today", 120, "en", { size: 10 });
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(shapeLine(l, "en", { size: 10 }).width).toBeLessThanOrEqual(120);
    expect(lines.join(" ")).toBe("The customer and the bank agree to these terms today");
    const long = wrap("x".repeat(200), 100, "en", { size: 10 });
    expect(long.length).toBeGreaterThan(2);
    expect(long.join("")).toBe("x".repeat(200));
  });

  it("wraps Chinese text without spaces", () => {
    const lines = wrap("在我们核实您的身份并签署本协议后，账户即告开立。如法律要求，我们可能会请您提供更多文件。", 150, "zh-Hans", { size: 10 });
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.startsWith("，") || l.startsWith("。")).toBe(false);
  });
});
