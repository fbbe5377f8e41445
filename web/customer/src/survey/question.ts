/** One question instance → its block (frame + controls), by type. */
import type { QuestionInstance } from "../../../../src/modules/feedback/logic/api";
import { dropdown, matrix, options, ranking, scale } from "./choices";
import { consent, date, fieldSet, file, statement, text } from "./fields";
import { type Frame, frame, type QContext } from "./frame";

type Render = (inst: QuestionInstance, f: Frame, cx: QContext) => void;

/** [renderer, grouped (fieldset + legend) or a single labelled control]. */
const RENDER: Record<QuestionInstance["question"]["type"], [Render, boolean]> = {
  nps: [scale, true],
  csat: [scale, true],
  ces: [scale, true],
  rating: [scale, true],
  single: [options, true],
  multi: [options, true],
  picture: [options, true],
  dropdown: [dropdown, false],
  ranking: [ranking, true],
  matrix: [matrix, true],
  text: [text, false],
  date: [date, false],
  consent: [consent, true],
  statement: [statement, false],
  file: [file, false],
  contact: [fieldSet, true],
  address: [fieldSet, true],
};

export function renderQuestion(inst: QuestionInstance, cx: QContext): HTMLElement {
  const [render, group] = RENDER[inst.question.type];
  const f = frame(inst, cx, group);
  if (inst.question.type === "statement") {
    // No control to label: the title is plain text.
    const title = f.block.querySelector("label.q-title");
    if (title) {
      const p = document.createElement("p");
      p.className = "q-title";
      p.id = title.id;
      p.append(...title.childNodes);
      title.replaceWith(p);
    }
  }
  render(inst, f, cx);
  return f.block;
}
