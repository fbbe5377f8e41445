import { describe, expect, it } from "vitest";
import type { PlacedField } from "../web/backoffice/src/api/types";
import {
  boxAtClick,
  boxToScreen,
  clampBox,
  fieldProblems,
  moveBy,
  nextFieldId,
  normalizeRotation,
  nudge,
  resizeBy,
  screenToBox,
  toPdf,
  toScreen,
  viewportSize,
} from "../web/backoffice/src/pages/signing/fields";

/** A4 in points. */
const A4 = { width: 595, height: 842 };

describe("field placement: screen pixels ↔ PDF points", () => {
  it("rotation 0, scale 1: y flips, the page's bottom-left is the screen's bottom-left", () => {
    expect(toScreen({ x: 0, y: 0 }, A4, 0, 1)).toEqual({ x: 0, y: 842 });
    expect(toScreen({ x: 595, y: 842 }, A4, 0, 1)).toEqual({ x: 595, y: 0 });
    expect(toPdf({ x: 100, y: 42 }, A4, 0, 1)).toEqual({ x: 100, y: 800 });
  });

  it("scale multiplies screen pixels: at 1.5 a point is 1.5 px", () => {
    expect(viewportSize(A4, 0, 1.5)).toEqual({ width: 892.5, height: 1263 });
    expect(toScreen({ x: 100, y: 100 }, A4, 0, 1.5)).toEqual({ x: 150, y: 1113 });
    expect(toPdf({ x: 150, y: 1113 }, A4, 0, 1.5)).toEqual({ x: 100, y: 100 });
  });

  it("a box's lower-left corner in points is its drawn top-left plus its height", () => {
    const box = { x: 72, y: 100, width: 180, height: 50 };
    expect(boxToScreen(box, A4, 0, 2)).toEqual({ left: 144, top: (842 - 150) * 2, width: 360, height: 100 });
    expect(screenToBox(boxToScreen(box, A4, 0, 2), A4, 0, 2)).toEqual(box);
  });

  it("round-trips every rotation and scale", () => {
    for (const rotation of [0, 90, 180, 270] as const) {
      for (const scale of [0.5, 1, 1.25, 2]) {
        const p = { x: 123, y: 456 };
        const back = toPdf(toScreen(p, A4, rotation, scale), A4, rotation, scale);
        expect(back.x).toBeCloseTo(p.x, 9);
        expect(back.y).toBeCloseTo(p.y, 9);
        const box = { x: 50.5, y: 60, width: 100, height: 20 };
        expect(screenToBox(boxToScreen(box, A4, rotation, scale), A4, rotation, scale)).toEqual(box);
      }
    }
  });

  it("a page turned 90° is drawn landscape and its bottom-left corner is the drawn top-left", () => {
    expect(viewportSize(A4, 90, 1)).toEqual({ width: 842, height: 595 });
    expect(toScreen({ x: 0, y: 0 }, A4, 90, 1)).toEqual({ x: 0, y: 0 });
    expect(toScreen({ x: 0, y: 842 }, A4, 270, 1)).toEqual({ x: 0, y: 595 });
    expect(toScreen({ x: 0, y: 0 }, A4, 180, 1)).toEqual({ x: 595, y: 0 });
    expect(normalizeRotation(-90)).toBe(270);
    expect(normalizeRotation(450)).toBe(90);
  });
});

describe("placing, moving, resizing and nudging", () => {
  it("a click centres a box of the kind's default size there", () => {
    // Clicked at (300 px, 400 px) on a page drawn at scale 2: the point (150, 642).
    expect(boxAtClick("signature", { x: 300, y: 400 }, A4, 0, 2)).toEqual({ x: 60, y: 617, width: 180, height: 50 });
    expect(boxAtClick("checkbox", { x: 300, y: 400 }, A4, 0, 2)).toEqual({ x: 143, y: 635, width: 14, height: 14 });
  });

  it("a click near the edge keeps the box inside the page", () => {
    expect(boxAtClick("signature", { x: 1, y: 1 }, A4, 0, 1)).toEqual({ x: 0, y: 792, width: 180, height: 50 });
    expect(clampBox({ x: 500, y: -10, width: 180, height: 50 }, A4)).toEqual({ x: 415, y: 0, width: 180, height: 50 });
  });

  it("dragging down on screen lowers y in points, divided by the scale", () => {
    const box = { x: 100, y: 400, width: 180, height: 50 };
    expect(moveBy(box, 20, 30, A4, 0, 2)).toEqual({ x: 110, y: 385, width: 180, height: 50 });
  });

  it("resizing from the drawn bottom-right corner keeps the top edge where it was", () => {
    const box = { x: 100, y: 400, width: 180, height: 50 };
    const out = resizeBy(box, 40, 20, A4, 0, 2);
    expect(out).toEqual({ x: 100, y: 390, width: 200, height: 60 });
    expect(out.y + out.height).toBe(box.y + box.height);
    // Never smaller than the minimum.
    expect(resizeBy(box, -1000, -1000, A4, 0, 1)).toMatchObject({ width: 8, height: 8, x: 100, y: 442 });
  });

  it("arrow keys move one point (ten with Shift), up on screen is up the page", () => {
    const box = { x: 100, y: 400, width: 180, height: 50 };
    expect(nudge(box, "ArrowUp", false, A4, 0)).toEqual({ ...box, y: 401 });
    expect(nudge(box, "ArrowRight", true, A4, 0)).toEqual({ ...box, x: 110 });
    expect(nudge(box, "ArrowLeft", false, A4, 180)).toEqual({ ...box, x: 101 });
    expect(nudge(box, "Enter", false, A4, 0)).toBeNull();
  });
});

describe("field checks before saving", () => {
  const field = (p: Partial<PlacedField>): PlacedField => ({ id: "s1", kind: "signature", role: "applicant", page: 0, x: 10, y: 10, width: 100, height: 40, required: true, ...p });

  it("finds a missing page (pages count from 0), a box off the page, a repeated id and no signature on activation", () => {
    const fields = [field({}), field({ id: "s1", kind: "text" }), field({ id: "t2", kind: "text", page: 2 }), field({ id: "t3", kind: "text", x: 560 })];
    expect(fieldProblems(fields, [A4, A4], false)).toEqual([
      { index: 1, code: "duplicate" },
      { index: 2, code: "page" },
      { index: 3, code: "outside" },
    ]);
    expect(fieldProblems([field({ kind: "text" })], [A4], true)).toEqual([{ index: null, code: "no_signature" }]);
    expect(fieldProblems([field({})], [A4], true)).toEqual([]);
    expect(fieldProblems([field({ page: 1 })], [A4], false)).toEqual([{ index: 0, code: "page" }]);
    expect(fieldProblems([field({ page: 0.5 })], [A4, A4], false)).toEqual([{ index: 0, code: "page" }]);
  });

  it("names new fields after their kind without reusing an id", () => {
    expect(nextFieldId("signature", [field({ id: "signature_1" }), field({ id: "signature_3" })])).toBe("signature_2");
  });
});
