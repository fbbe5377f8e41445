/**
 * Field placement geometry for the template editor, kept pure so it is unit-tested
 * (tests/web-signing-fields.test.ts). Fields are stored in PDF points from the page's bottom-left
 * corner, (x, y) the box's lower-left corner, `page` numbered from 0 (as pdf-lib and the renderer do); the editor draws pages as pdf.js does: `scale` CSS
 * pixels per point, the page turned clockwise by its /Rotate (0, 90, 180 or 270).
 */
import type { FieldKind, PlacedField, SignerRole, TemplatePage } from "../../api/types";

export type Rotation = 0 | 90 | 180 | 270;

export interface Point {
  x: number;
  y: number;
}

/** A box on screen: CSS pixels from the drawn page's top-left corner. */
export interface ScreenRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A box on the page: PDF points, (x, y) its lower-left corner. */
export interface PdfBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const FIELD_KINDS: readonly FieldKind[] = ["signature", "initials", "name", "date", "text", "checkbox"];
export const SIGNER_ROLES: readonly SignerRole[] = ["applicant", "co_applicant", "guarantor"];

/** A new field's size in points, per kind. */
export const DEFAULT_SIZE: Record<FieldKind, { width: number; height: number }> = {
  signature: { width: 180, height: 50 },
  initials: { width: 60, height: 36 },
  name: { width: 180, height: 20 },
  date: { width: 100, height: 20 },
  text: { width: 180, height: 20 },
  checkbox: { width: 14, height: 14 },
};

/** The smallest a field may be resized to, in points. */
export const MIN_SIZE = 8;

export function normalizeRotation(deg: number): Rotation {
  const r = (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
  return r as Rotation;
}

/** The drawn page's size in CSS pixels. */
export function viewportSize(page: TemplatePage, rotation: Rotation, scale: number): { width: number; height: number } {
  const turned = rotation === 90 || rotation === 270;
  return { width: (turned ? page.height : page.width) * scale, height: (turned ? page.width : page.height) * scale };
}

/** A point on the page (points from the bottom-left) → CSS pixels from the drawn page's top-left. */
export function toScreen(p: Point, page: TemplatePage, rotation: Rotation, scale: number): Point {
  const { width: W, height: H } = page;
  let sx: number;
  let sy: number;
  if (rotation === 0) [sx, sy] = [p.x, H - p.y];
  else if (rotation === 90) [sx, sy] = [p.y, p.x];
  else if (rotation === 180) [sx, sy] = [W - p.x, p.y];
  else [sx, sy] = [H - p.y, W - p.x];
  return { x: sx * scale, y: sy * scale };
}

/** CSS pixels from the drawn page's top-left → a point on the page (points from the bottom-left). */
export function toPdf(s: Point, page: TemplatePage, rotation: Rotation, scale: number): Point {
  const { width: W, height: H } = page;
  const sx = s.x / scale;
  const sy = s.y / scale;
  if (rotation === 0) return { x: sx, y: H - sy };
  if (rotation === 90) return { x: sy, y: sx };
  if (rotation === 180) return { x: W - sx, y: sy };
  return { x: W - sy, y: H - sx };
}

/** Where a field's box is drawn over the page. */
export function boxToScreen(box: PdfBox, page: TemplatePage, rotation: Rotation, scale: number): ScreenRect {
  const a = toScreen({ x: box.x, y: box.y }, page, rotation, scale);
  const b = toScreen({ x: box.x + box.width, y: box.y + box.height }, page, rotation, scale);
  return { left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
}

/** The box on the page a rectangle drawn on screen stands for. */
export function screenToBox(rect: ScreenRect, page: TemplatePage, rotation: Rotation, scale: number): PdfBox {
  const a = toPdf({ x: rect.left, y: rect.top }, page, rotation, scale);
  const b = toPdf({ x: rect.left + rect.width, y: rect.top + rect.height }, page, rotation, scale);
  return tidy({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) });
}

const round = (n: number) => Math.round(n * 10) / 10;
const tidy = (b: PdfBox): PdfBox => ({ x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height) });

/** The box moved and shrunk as needed to lie inside the page (never smaller than MIN_SIZE). */
export function clampBox(box: PdfBox, page: TemplatePage): PdfBox {
  const width = Math.min(Math.max(box.width, MIN_SIZE), page.width);
  const height = Math.min(Math.max(box.height, MIN_SIZE), page.height);
  const x = Math.min(Math.max(box.x, 0), page.width - width);
  const y = Math.min(Math.max(box.y, 0), page.height - height);
  return tidy({ x, y, width, height });
}

/** A click on the drawn page: a box of the kind's default size centred there, inside the page. */
export function boxAtClick(kind: FieldKind, click: Point, page: TemplatePage, rotation: Rotation, scale: number): PdfBox {
  const at = toPdf(click, page, rotation, scale);
  const size = DEFAULT_SIZE[kind];
  return clampBox({ x: at.x - size.width / 2, y: at.y - size.height / 2, width: size.width, height: size.height }, page);
}

/** A box dragged on screen by (dx, dy) CSS pixels. */
export function moveBy(box: PdfBox, dx: number, dy: number, page: TemplatePage, rotation: Rotation, scale: number): PdfBox {
  const r = boxToScreen(box, page, rotation, scale);
  return clampBox(screenToBox({ ...r, left: r.left + dx, top: r.top + dy }, page, rotation, scale), page);
}

/** A box whose drawn bottom-right corner was dragged by (dx, dy) CSS pixels; the top-left stays. */
export function resizeBy(box: PdfBox, dx: number, dy: number, page: TemplatePage, rotation: Rotation, scale: number): PdfBox {
  const r = boxToScreen(box, page, rotation, scale);
  const min = MIN_SIZE * scale;
  const view = viewportSize(page, rotation, scale);
  const width = Math.min(Math.max(r.width + dx, min), view.width - r.left);
  const height = Math.min(Math.max(r.height + dy, min), view.height - r.top);
  return clampBox(screenToBox({ ...r, width, height }, page, rotation, scale), page);
}

/** Arrow keys: one point (ten with Shift) in the direction the arrow shows on screen. */
export function nudge(box: PdfBox, key: string, big: boolean, page: TemplatePage, rotation: Rotation): PdfBox | null {
  const step = big ? 10 : 1;
  const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[key];
  if (!d) return null;
  // Scale 1: a screen pixel is a point, so the step is in points whatever the zoom.
  return moveBy(box, d[0] as number, d[1] as number, page, rotation, 1);
}

/** A new id not used yet: `signature_1`, `signature_2`… */
export function nextFieldId(kind: FieldKind, fields: readonly PlacedField[]): string {
  const taken = new Set(fields.map((f) => f.id));
  for (let n = 1; ; n++) if (!taken.has(`${kind}_${n}`)) return `${kind}_${n}`;
}

/** Problems the server would refuse, found before saving: page, box inside the page, unique ids, a signature to activate. */
export function fieldProblems(fields: readonly PlacedField[], pages: readonly TemplatePage[], activating: boolean): { index: number | null; code: string }[] {
  const out: { index: number | null; code: string }[] = [];
  const seen = new Set<string>();
  fields.forEach((f, index) => {
    const page = Number.isInteger(f.page) ? pages[f.page] : undefined;
    if (!page) out.push({ index, code: "page" });
    else if (f.x < 0 || f.y < 0 || f.width <= 0 || f.height <= 0 || f.x + f.width > page.width + 0.01 || f.y + f.height > page.height + 0.01) out.push({ index, code: "outside" });
    if (seen.has(f.id)) out.push({ index, code: "duplicate" });
    seen.add(f.id);
  });
  if (activating && !fields.some((f) => f.kind === "signature")) out.push({ index: null, code: "no_signature" });
  return out;
}
