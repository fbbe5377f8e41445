import { useCallback } from "react";
import { surveys } from "../../api/surveys";
import type { Survey } from "../../api/types";
import { useAutosave } from "../../ui/useAutosave";
import type { Definition } from "./model";

export type { SaveState } from "../../ui/useAutosave";

/** Autosave of the survey draft and its name (PUT /surveys/{id}/draft) once typing pauses. */
export function useDraftSaver(id: string, onSaved: (survey: Survey) => void) {
  const save = useCallback((d: { def: Definition; name: string }) => surveys.saveDraft(id, d.def, d.name.trim() || undefined), [id]);
  const saver = useAutosave(save, onSaved);
  const { schedule: scheduleDraft } = saver;
  const schedule = useCallback((def: Definition, name: string) => scheduleDraft({ def, name }), [scheduleDraft]);
  return { ...saver, schedule };
}
