import { createContext, useContext } from "react";
import type { SurveyLocale } from "../../api/types";
import type { Definition } from "./model";

export interface DesignerState {
  def: Definition;
  /** Applies one edit to the draft (autosaved). */
  edit(change: (def: Definition) => Definition): void;
  /** The language being edited; the default language is shown beside it. */
  lang: SurveyLocale;
}

export const DesignerContext = createContext<DesignerState | null>(null);

export function useDesigner(): DesignerState {
  const ctx = useContext(DesignerContext);
  if (!ctx) throw new Error("useDesigner outside the designer");
  return ctx;
}

/**
 * Moves focus to the control for a problem's path (`questions[3].text.ar`): the exact one, else
 * the first control inside it, else its nearest parent. Returns whether something took focus.
 */
export function focusPath(path: string): boolean {
  const all = [...document.querySelectorAll<HTMLElement>("[data-path]")];
  let p = path;
  while (p) {
    const exact = all.find((el) => el.dataset.path === p);
    const inside = exact ?? all.find((el) => el.dataset.path?.startsWith(`${p}.`) || el.dataset.path?.startsWith(`${p}[`));
    if (inside) {
      inside.scrollIntoView({ block: "center" });
      inside.focus();
      return true;
    }
    p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    if (!/[.[]/.test(p) && !all.some((el) => el.dataset.path === p)) break;
  }
  return false;
}
