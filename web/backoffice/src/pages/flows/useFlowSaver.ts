import { useCallback } from "react";
import { flows } from "../../api/flows";
import type { Flow, ProductId } from "../../api/types";
import { useAutosave } from "../../ui/useAutosave";
import type { Definition } from "./model";

export type { SaveState } from "../../ui/useAutosave";

/** Autosave of the flow draft (PUT /flows/{product}/draft) once typing pauses. */
export function useFlowSaver(product: ProductId, onSaved: (flow: Flow) => void) {
  const save = useCallback((def: Definition) => flows.saveDraft(product, def), [product]);
  return useAutosave(save, onSaved);
}
