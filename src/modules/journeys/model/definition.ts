/**
 * Journey definitions: which events are a journey's milestones and touchpoints, per product. A bank
 * may store its own per product (journey_definitions, product '*' for every product without one);
 * otherwise DEFAULT_DEFINITION, built on Atrium's onboarding events, applies. External sources may
 * send the same event names with the same properties (journeyId, channel, product, branchId,
 * regionId, agentId, step, field, device, segment).
 */

/** The milestones the KPIs read. Custom milestones are any other name (journey maps show them). */
export const CORE_MILESTONES = ["started", "submitted", "decided", "funded", "opened", "abandoned"] as const;
export type CoreMilestone = (typeof CORE_MILESTONES)[number];

/** Touchpoint channels (kpis.md). Other values are kept as sent; ALIASES folds common spellings. */
export const CHANNELS = ["web", "app", "branch", "call", "sms", "email", "chat", "agent-assisted"] as const;
export const CHANNEL_ALIASES: Record<string, string> = {
  call_centre: "call",
  call_center: "call",
  phone: "call",
  mobile: "app",
  mobile_app: "app",
  agent_assisted: "agent-assisted",
  assisted: "agent-assisted",
};
export const normalChannel = (c: unknown): string => {
  if (typeof c !== "string" || c.length === 0) return "";
  const lower = c.trim().toLowerCase().slice(0, 40);
  return CHANNEL_ALIASES[lower] ?? lower;
};

export interface TouchpointRule {
  /** An event name, or a prefix ending in "*" (e.g. "call.*"); "page" matches page calls. */
  event: string;
  /** The channel when the event does not say (properties.channel / context.channel win). */
  channel?: string;
  /** Shown on the journey map; defaults to the event name. */
  label?: string;
}

export interface JourneyDefinition {
  /** A product code or "*". */
  product: string;
  name: string;
  /** Event name → milestone (a core milestone or a custom name). */
  milestones: Record<string, string>;
  /** Which events count as touchpoints (first matching rule wins). */
  touchpoints: TouchpointRule[];
  /** Journey-map stages in order (milestone names). */
  stages: string[];
  /** Step ids in order, for per-step completion; unknown steps follow, by how many reached them. */
  steps: string[];
  /** A started journey with no activity for this long and no submission is abandoned. */
  inactivityDays: number;
  /** Conversion: funded counts only within this many days of the start. */
  conversionWindowDays: number;
  /** Turnaround SLA per request type, in hours ("application" = submitted → decided). */
  slaHours: Record<string, number>;
}

export const DEFAULT_DEFINITION: JourneyDefinition = {
  product: "*",
  name: "Banking onboarding",
  milestones: {
    "application.started": "started",
    "application.submitted": "submitted",
    "application.decided": "decided",
    "application.funded": "funded",
    "application.opened": "opened",
    "application.abandoned": "abandoned",
  },
  touchpoints: [
    { event: "application.started" },
    { event: "application.step_viewed" },
    { event: "application.step_completed" },
    { event: "application.resumed" },
    { event: "application.submitted" },
    { event: "page" },
    { event: "call.*", channel: "call" },
    { event: "contact.*", channel: "call" },
    { event: "branch.*", channel: "branch" },
    { event: "sms.*", channel: "sms" },
    { event: "email.*", channel: "email" },
    { event: "chat.*", channel: "chat" },
  ],
  stages: ["started", "submitted", "decided", "funded"],
  steps: [],
  inactivityDays: 7,
  conversionWindowDays: 30,
  slaHours: { application: 48, card_replacement: 120, complaint: 360, address_change: 24 },
};

/** Does a touchpoint rule match this event (track name, or "page" for page calls)? */
export function ruleMatches(rule: TouchpointRule, name: string): boolean {
  return rule.event.endsWith("*") ? name.startsWith(rule.event.slice(0, -1)) : rule.event === name;
}

/** The definition for a product: the bank's own for it, else the bank's "*", else the default. */
export function definitionFor(defs: ReadonlyMap<string, JourneyDefinition>, product: string): JourneyDefinition {
  return defs.get(product) ?? defs.get("*") ?? DEFAULT_DEFINITION;
}
