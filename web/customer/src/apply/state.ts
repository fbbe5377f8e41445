/** The application on screen: what the server sent (me) and the answers as the customer edits them. */
import { localize } from "../../../../src/modules/onboarding/flow/logic";
import type { Answers, FlowDefinition, Text } from "../../../../src/modules/onboarding/flow/types";
import type { CustomerView, Doc, Payment } from "./api";
import { locale } from "./shell";

export interface AppState {
  /** The link token in the address (/c/{bank}/a/{token}). */
  linkToken: string;
  bankSlug: string;
  /** The Bearer session token. */
  s: string;
  view: CustomerView;
  answers: Answers;
  completed: string[];
  docs: Doc[];
  payments: Payment[];
  /** The step on screen. */
  stepId: string | null;
}

export const st = {} as AppState;

export function adopt(view: CustomerView): void {
  st.view = view;
  st.answers = { ...view.answers };
  st.completed = [...view.completedSteps];
  st.docs = view.documents;
  st.payments = view.payments;
}

export const def = (): FlowDefinition => st.view.definition;

/** A flow text in the page's language. */
export const L = (text: Text | undefined): string => localize(text, locale, st.view?.definition.defaultLanguage ?? "en");

/** Documents that count for a field (removed and replaced ones do not). */
export const docsOf = (fieldId: string) => st.docs.filter((d) => d.fieldId === fieldId && (d.status === "uploaded" || d.status === "accepted" || d.status === "rejected"));
