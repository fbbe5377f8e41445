import { createContext, useContext } from "react";
import type { FlowLocale } from "../../api/types";
import type { Definition } from "./model";

export interface FlowEditorState {
  def: Definition;
  /** Applies one edit to the draft (autosaved); absent when the editor is read-only. */
  edit(change: (def: Definition) => Definition): void;
  /** The language being edited; the default language's text is shown beside it. */
  lang: FlowLocale;
}

export const FlowEditorContext = createContext<FlowEditorState | null>(null);

export function useFlowEditor(): FlowEditorState {
  const ctx = useContext(FlowEditorContext);
  if (!ctx) throw new Error("useFlowEditor outside the flow editor");
  return ctx;
}
