/** Scales (NPS, CSAT, CES, ratings), choice lists, dropdowns, pictures, ranking and matrices. */
import type { Choice, MatrixQuestion, RatingQuestion, ScaleQuestion } from "../../../../src/modules/feedback/definition/types";
import type { QuestionInstance } from "../../../../src/modules/feedback/logic/api";
import { format } from "../i18n";
import { h, STAR, safeId, smiley, svg } from "./dom";
import type { Frame, QContext } from "./frame";

const choiceText = (c: Choice, inst: QuestionInstance, cx: QContext) => cx.text(c.text, inst);
const choicesOf = (inst: QuestionInstance): Choice[] => inst.choices ?? ("choices" in inst.question ? inst.question.choices : []);

/**
 * A row of numbered radio buttons (0–10, 1–5, 1–7, 1–n). They follow the inline direction, so in
 * right-to-left languages the lowest value sits on the right and the end labels swap with it.
 */
export function scale(inst: QuestionInstance, f: Frame, cx: QContext): void {
  const q = inst.question as ScaleQuestion | RatingQuestion;
  const [from, to] = q.type === "rating" ? [1, q.points] : q.type === "nps" ? [0, 10] : q.type === "csat" ? [1, 5] : [1, 7];
  const style = q.type === "rating" ? q.style : "numbers";
  const count = to - from + 1;
  const current = cx.value(inst.key);
  const name = `n-${safeId(inst.key)}`;
  const lowText = cx.text(q.lowLabel, inst);
  const highText = cx.text(q.highLabel, inst);
  const lowId = `${name}-lo`;
  const highId = `${name}-hi`;
  const row = h("div", { class: `scale scale-${style}` });
  // Narrow screens: up to 7 points on one row, more on two (NPS: 6 + 5).
  row.style.setProperty("--cols", String(count));
  row.style.setProperty("--cols-narrow", String(count <= 7 ? count : Math.ceil(count / 2)));
  const labels: HTMLLabelElement[] = [];
  const paint = (v: unknown) => {
    labels.forEach((label, i) => {
      label.classList.toggle("on", style === "stars" && typeof v === "number" && from + i <= v);
    });
  };
  for (let v = from; v <= to; v++) {
    const described = [f.describedBy, v === from && lowText ? lowId : "", v === to && highText ? highId : ""].filter(Boolean).join(" ");
    const input = h("input", { type: "radio", name, value: v, class: "pt-input", "aria-describedby": described, checked: current === v });
    input.addEventListener("change", () => {
      cx.set(inst.key, v);
      paint(v);
    });
    const face =
      style === "stars"
        ? [svg("0 0 24 24", 28, [{ d: STAR }]), h("span", { class: "vh" }, format(cx.m.ratingValue, { value: String(v), points: String(to) }))]
        : style === "smileys"
          ? [smiley(v - from, count), h("span", { class: "vh" }, format(cx.m.ratingValue, { value: String(v), points: String(to) }))]
          : [String(v)];
    const label = h("label", { class: "pt" }, input, h("span", { class: "pt-face" }, ...face));
    labels.push(label);
    row.append(label);
  }
  paint(current);
  f.body.append(row);
  if (lowText || highText) f.body.append(h("div", { class: "ends", "aria-hidden": "true" }, h("span", { id: lowId }, lowText), h("span", { id: highId }, highText)));
}

/** Radios (single), checkboxes (multi) or picture cards (picture), one per choice. */
export function options(inst: QuestionInstance, f: Frame, cx: QContext): void {
  const q = inst.question;
  const multiple = q.type === "multi" || (q.type === "picture" && q.multiple);
  const name = `o-${safeId(inst.key)}`;
  const current = cx.value(inst.key);
  const picked = new Set<string>(Array.isArray(current) ? (current as string[]) : typeof current === "string" ? [current] : []);
  const list = h("div", { class: q.type === "picture" ? "pics" : "opts" });
  const choices = choicesOf(inst);
  for (const c of choices) {
    const input = h("input", { type: multiple ? "checkbox" : "radio", name, value: c.id, "aria-describedby": f.describedBy, checked: picked.has(c.id) });
    input.addEventListener("change", () => {
      if (!multiple) return cx.set(inst.key, c.id);
      if (input.checked) picked.add(c.id);
      else picked.delete(c.id);
      // In the order of the choices as shown, never in click order.
      const value = choices.filter((x) => picked.has(x.id)).map((x) => x.id);
      cx.set(inst.key, value.length ? value : null);
    });
    const text = h("span", { class: "opt-text" }, choiceText(c, inst, cx));
    if (q.type === "picture") {
      const img = c.imageUrl ? h("img", { src: c.imageUrl, alt: "", loading: "lazy", decoding: "async" }) : null;
      list.append(h("label", { class: "pic" }, img, h("span", { class: "pic-row" }, input, text)));
    } else {
      list.append(h("label", { class: "opt" }, input, text));
    }
  }
  f.body.append(list);
}

export function dropdown(inst: QuestionInstance, f: Frame, cx: QContext): void {
  const current = cx.value(inst.key);
  const select = h("select", { id: f.controlId, "aria-describedby": f.describedBy }, h("option", { value: "" }, cx.m.choose));
  for (const c of choicesOf(inst)) select.append(h("option", { value: c.id, selected: current === c.id }, choiceText(c, inst, cx)));
  select.addEventListener("change", () => cx.set(inst.key, select.value || null));
  f.body.append(select);
}

const ARROW_UP = "M12 5l-7 7h4.5v7h5v-7H19z";
const ARROW_DOWN = "M12 19l7-7h-4.5V5h-5v7H5z";

/** An ordered list with move-up / move-down buttons: keyboard and screen-reader usable, no dragging. */
export function ranking(inst: QuestionInstance, f: Frame, cx: QContext): void {
  const choices = choicesOf(inst);
  const byId = new Map(choices.map((c) => [c.id, c]));
  const saved = cx.value(inst.key);
  let order: string[] =
    Array.isArray(saved) && saved.length === choices.length && saved.every((id) => byId.has(id as string)) ? (saved as string[]) : choices.map((c) => c.id);
  const list = h("ol", { class: "rank", "aria-describedby": f.describedBy });
  const live = h("p", { class: "vh", "aria-live": "polite" });
  const draw = (focus?: { id: string; dir: "up" | "down" }) => {
    list.replaceChildren(
      ...order.map((id, i) => {
        const c = byId.get(id) as Choice;
        const text = choiceText(c, inst, cx);
        const up = h("button", { type: "button", class: "mv", "aria-label": format(cx.m.moveUp, { item: text }), disabled: i === 0, "data-dir": "up" }, svg("0 0 24 24", 20, [{ d: ARROW_UP }]));
        const down = h(
          "button",
          { type: "button", class: "mv", "aria-label": format(cx.m.moveDown, { item: text }), disabled: i === order.length - 1, "data-dir": "down" },
          svg("0 0 24 24", 20, [{ d: ARROW_DOWN }]),
        );
        up.addEventListener("click", () => move(i, -1, id));
        down.addEventListener("click", () => move(i, 1, id));
        return h("li", { class: "rank-item", "data-id": id }, h("span", { class: "rank-n", "aria-hidden": "true" }, String(i + 1)), h("span", { class: "rank-text" }, text), up, down);
      }),
    );
    if (focus) {
      const li = list.querySelector<HTMLElement>(`[data-id="${CSS.escape(focus.id)}"]`);
      const wanted = li?.querySelector<HTMLButtonElement>(`[data-dir="${focus.dir}"]`);
      const other = li?.querySelector<HTMLButtonElement>(`[data-dir="${focus.dir === "up" ? "down" : "up"}"]`);
      (wanted && !wanted.disabled ? wanted : other)?.focus();
    }
  };
  const move = (i: number, by: -1 | 1, id: string) => {
    const j = i + by;
    if (j < 0 || j >= order.length) return;
    order = order.slice();
    [order[i], order[j]] = [order[j] as string, order[i] as string];
    cx.set(inst.key, order);
    live.textContent = `${j + 1}. ${choiceText(byId.get(id) as Choice, inst, cx)}`;
    draw({ id, dir: by < 0 ? "up" : "down" });
  };
  draw();
  f.body.append(h("p", { class: "hint" }, cx.m.rankHint), list, live);
}

/** Rows × columns of radios (checkboxes when `multiple`); stacked per row on a phone (CSS). */
export function matrix(inst: QuestionInstance, f: Frame, cx: QContext): void {
  const q = inst.question as MatrixQuestion;
  const rows = inst.choices ?? q.rows;
  const saved = (cx.value(inst.key) ?? {}) as Record<string, string | string[]>;
  const answer: Record<string, string | string[]> = { ...saved };
  const base = `m-${safeId(inst.key)}`;
  const head = h("tr", {}, h("td", {}), ...q.columns.map((col, ci) => h("th", { scope: "col", id: `${base}-c${ci}` }, cx.text(col.text, inst))));
  const body = h("tbody");
  rows.forEach((row, ri) => {
    const rowId = `${base}-r${ri}`;
    const cells = q.columns.map((col, ci) => {
      const had = answer[row.id];
      const checked = Array.isArray(had) ? had.includes(col.id) : had === col.id;
      const input = h("input", {
        type: q.multiple ? "checkbox" : "radio",
        name: `${base}-${ri}`,
        value: col.id,
        checked,
        "aria-labelledby": `${rowId} ${base}-c${ci}`,
        "aria-describedby": f.describedBy,
      });
      input.addEventListener("change", () => {
        if (q.multiple) {
          const set = new Set(Array.isArray(answer[row.id]) ? (answer[row.id] as string[]) : []);
          if (input.checked) set.add(col.id);
          else set.delete(col.id);
          const list = q.columns.filter((c) => set.has(c.id)).map((c) => c.id);
          if (list.length) answer[row.id] = list;
          else delete answer[row.id];
        } else {
          answer[row.id] = col.id;
        }
        cx.set(inst.key, Object.keys(answer).length ? { ...answer } : null);
      });
      // The column's name is repeated next to each control, shown only when rows are stacked.
      return h("td", {}, h("label", { class: "mx-cell" }, input, h("span", { class: "mx-col", "aria-hidden": "true" }, cx.text(col.text, inst))));
    });
    body.append(h("tr", {}, h("th", { scope: "row", id: rowId }, cx.text(row.text, inst)), ...cells));
  });
  f.body.append(h("div", { class: "mx-wrap" }, h("table", { class: "mx" }, h("thead", {}, head), body)));
}
