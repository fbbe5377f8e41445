/** DOM helpers for the respondent page: text only (never HTML), so nothing typed by an analyst can run. */

type Attrs = Record<string, string | number | boolean | null | undefined>;

/**
 * `h("button", { type: "button", disabled: true }, "Next")`. Attribute values are strings (booleans:
 * present when true, absent when false/null/undefined). Children are nodes or text.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

const SVG = "http://www.w3.org/2000/svg";

/** A small inline SVG (decorative unless `label` is given). `paths`: [d, fill?, stroke?]. */
export function svg(viewBox: string, size: number, shapes: { d: string; fill?: string; stroke?: string; width?: number }[], cls = ""): SVGSVGElement {
  const el = document.createElementNS(SVG, "svg");
  el.setAttribute("viewBox", viewBox);
  el.setAttribute("width", String(size));
  el.setAttribute("height", String(size));
  el.setAttribute("aria-hidden", "true");
  el.setAttribute("focusable", "false");
  if (cls) el.setAttribute("class", cls);
  for (const s of shapes) {
    const p = document.createElementNS(SVG, "path");
    p.setAttribute("d", s.d);
    p.setAttribute("fill", s.fill ?? "currentColor");
    if (s.stroke) {
      p.setAttribute("stroke", s.stroke);
      p.setAttribute("stroke-width", String(s.width ?? 1.5));
      p.setAttribute("stroke-linecap", "round");
    }
    el.append(p);
  }
  return el;
}

export const STAR = "M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z";

/** A face for point `i` of `n` (0 = saddest): the mouth bends from a frown to a smile. */
export function smiley(i: number, n: number): SVGSVGElement {
  const t = n <= 1 ? 1 : i / (n - 1);
  const bend = Math.round((t - 0.5) * 12); // -6 … 6
  return svg("0 0 32 32", 30, [
    { d: "M16 2a14 14 0 1 1 0 28a14 14 0 1 1 0-28z", fill: "none", stroke: "currentColor", width: 2 },
    { d: "M11 12.5a1.8 1.8 0 1 1 0 .1zM21 12.5a1.8 1.8 0 1 1 0 .1z" },
    { d: `M9.5 21Q16 ${21 + bend} 22.5 21`, fill: "none", stroke: "currentColor", width: 2 },
  ]);
}

let counter = 0;
/** A page-unique id for label/description links. */
export const uid = (prefix: string) => `${prefix}-${++counter}`;

/** Answer keys hold `#` (loops): make them safe inside ids and names. */
export const safeId = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, "_");
