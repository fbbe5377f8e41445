import type { TFunction } from "i18next";
import { ApiError, fieldName } from "../../api/client";
import type { FieldProblem } from "../../api/types";
import type { JourneyDefinition } from "../../api/types-journeys";
import { fieldMessage } from "../../ui/errors";

/**
 * A definition as the editor holds it: maps as rows (so an event name can be retyped without
 * losing its place) and numbers as typed text (so a half-typed value is not lost or rounded).
 */
export interface Draft {
  name: string;
  milestones: { event: string; milestone: string }[];
  touchpoints: { event: string; channel: string; label: string }[];
  stages: string[];
  steps: string[];
  inactivityDays: string;
  conversionWindowDays: string;
  sla: { type: string; hours: string }[];
}

export function toDraft(d: JourneyDefinition): Draft {
  return {
    name: d.name,
    milestones: Object.entries(d.milestones).map(([event, milestone]) => ({ event, milestone })),
    touchpoints: d.touchpoints.map((r) => ({ event: r.event, channel: r.channel ?? "", label: r.label ?? "" })),
    stages: [...d.stages],
    steps: [...d.steps],
    inactivityDays: String(d.inactivityDays),
    conversionWindowDays: String(d.conversionWindowDays),
    sla: Object.entries(d.slaHours).map(([type, hours]) => ({ type, hours: String(hours) })),
  };
}

/** A typed number, or the text itself so the server names the field when it is not one. */
const num = (s: string): number => (s.trim() === "" ? Number.NaN : Number(s));

export function fromDraft(product: string, d: Draft): JourneyDefinition {
  return {
    product,
    name: d.name,
    milestones: Object.fromEntries(d.milestones.filter((m) => m.event.trim() || m.milestone.trim()).map((m) => [m.event.trim(), m.milestone.trim()])),
    touchpoints: d.touchpoints.map((r) => ({
      event: r.event.trim(),
      ...(r.channel.trim() ? { channel: r.channel.trim() } : {}),
      ...(r.label.trim() ? { label: r.label.trim() } : {}),
    })),
    stages: d.stages.map((s) => s.trim()),
    steps: d.steps.map((s) => s.trim()),
    inactivityDays: num(d.inactivityDays),
    conversionWindowDays: num(d.conversionWindowDays),
    slaHours: Object.fromEntries(d.sla.filter((s) => s.type.trim() || s.hours.trim()).map((s) => [s.type.trim(), num(s.hours)])),
  };
}

/** The field names the API can name for this draft (`touchpoints.3.event`, `milestones.<event>`). */
export function draftFields(d: Draft): string[] {
  return [
    "name",
    "milestones",
    "touchpoints",
    "stages",
    "steps",
    "inactivityDays",
    "conversionWindowDays",
    "slaHours",
    ...d.milestones.map((m) => `milestones.${m.event.trim()}`),
    ...d.touchpoints.flatMap((_, i) => [`touchpoints.${i}.event`, `touchpoints.${i}.channel`, `touchpoints.${i}.label`]),
    ...d.stages.map((_, i) => `stages.${i}`),
    ...d.steps.map((_, i) => `steps.${i}`),
    ...d.sla.map((s) => `slaHours.${s.type.trim()}`),
  ];
}

/** What kind of value a field holds, for a message that says what is allowed. */
function kindOf(name: string): "milestone" | "event" | "channel" | "step" | "number" | null {
  if (/^(inactivityDays|conversionWindowDays)$/.test(name)) return "number";
  if (name.startsWith("slaHours.")) return "number";
  if (/^touchpoints\.\d+\.event$/.test(name)) return "event";
  if (/^touchpoints\.\d+\.channel$/.test(name)) return "channel";
  if (name.startsWith("milestones.") || /^stages\.\d+$/.test(name)) return "milestone";
  if (/^steps\.\d+$/.test(name)) return "step";
  return null;
}

/**
 * A translated message for one problem of the definition: numbers in days or hours, the allowed
 * characters of names, and the cross-field checks (a repeated rule, an unknown stage). The server's
 * English message is never shown.
 */
export function definitionProblem(t: TFunction, p: FieldProblem): string {
  const name = fieldName(p.path);
  const kind = kindOf(name);
  const params = p.params ?? {};
  if (kind === "number") {
    // A request type that is not a-z 0-9 _ is reported on its entry, like its hours.
    if (name.startsWith("slaHours.") && (p.code === "invalid_key" || p.code === "invalid_format")) return t("journeys.definitions.problems.format.requestType");
    if (p.code === "too_small" && typeof params.minimum === "number") return t("fieldErrors.tooShortNumber", { minimum: params.minimum });
    if (p.code === "too_big" && typeof params.maximum === "number") return t("fieldErrors.tooLongNumber", { maximum: params.maximum });
    return t("journeys.definitions.problems.number");
  }
  if (p.code === "custom") {
    if (kind === "event") return t("journeys.definitions.problems.duplicateEvent");
    if (kind === "milestone" && name.startsWith("stages.")) return t("journeys.definitions.problems.stage");
    if (kind === "step") return t("journeys.definitions.problems.duplicateStep");
    if (name === "milestones") return t("journeys.definitions.problems.noMilestones");
  }
  if ((p.code === "invalid_format" || p.code === "invalid_key") && kind) return t(`journeys.definitions.problems.format.${kind}`);
  return fieldMessage(t, p);
}

/** Every field problem of a failed save, by field name (the first one per field). */
export function definitionErrors(t: TFunction, err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const p of err.fieldProblems) out[fieldName(p.path)] ??= definitionProblem(t, p);
  return out;
}
