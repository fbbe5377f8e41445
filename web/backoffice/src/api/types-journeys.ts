/**
 * Journey analytics as the back office reads it: journey instances, their events, a customer's
 * timeline, journey maps and journey definitions; mirrors src/modules/journeys/explore/schemas.ts
 * (tests/contract/web-api-types.ts holds the two equal).
 */

export const JOURNEY_STATUSES = ["open", "submitted", "decided", "funded", "abandoned"] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

/** The channels of kpis.md; the API keeps any other value as sent, shown as it is. */
export const JOURNEY_CHANNELS = ["web", "app", "branch", "call", "sms", "email", "chat", "agent-assisted"] as const;

/** A share with its Wilson 95 % interval (value 0..1, null when n = 0). */
export interface JourneyRate {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

/** One journey instance, recomputed from all its events. */
export interface JourneyInstance {
  id: string;
  /** userId, else anonymousId, of its events. */
  customer: string | null;
  product: string | null;
  segment: string | null;
  region: string | null;
  branch: string | null;
  agent: string | null;
  device: string | null;
  startChannel: string | null;
  channels: string[];
  touchpoints: number;
  channelSwitches: number;
  status: JourneyStatus;
  startedAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  decision: string | null;
  fundedAt: string | null;
  openedAt: string | null;
  abandonedAt: string | null;
  firstEventAt: string;
  lastActivityAt: string;
  abandonedStep: string | null;
  abandonedField: string | null;
  lastStep: string | null;
  lastField: string | null;
  events: number;
}

/** One stored event, as it came in (track, page or identify). */
export interface JourneyEvent {
  type: "track" | "identify" | "page";
  event: string | null;
  occurredAt: string;
  receivedAt: string;
  source: { id: string; name: string | null };
  messageId: string;
  journeyId: string | null;
  userId: string | null;
  anonymousId: string | null;
  channel: string | null;
  step: string | null;
  field: string | null;
  properties: Record<string, unknown>;
}

export interface JourneyDetail extends JourneyInstance {
  /** Node → first time reached: "stage:<milestone>", "step:<id>", "event:<name>". */
  reached: Record<string, string>;
  /** Every event of the journey, oldest first. */
  timeline: JourneyEvent[];
  /** More events exist than the timeline holds. */
  truncated: boolean;
}

export interface CustomerTimeline {
  customer: string;
  /** Newest first. */
  items: JourneyEvent[];
  nextCursor: string | null;
  journeys: JourneyInstance[];
}

export interface JourneyFilters {
  from?: string;
  to?: string;
  status?: JourneyStatus;
  product?: string;
  channel?: string;
  branch?: string;
  region?: string;
  agent?: string;
  segment?: string;
}

/** Volume, drop-off, time and feedback of a stage or touchpoint. */
export interface JourneyNodeStats {
  node: string;
  volume: number;
  dropOff: { count: number; share: number | null };
  /** From the journey's start. */
  medianHours: number | null;
  nps: { score: number | null; n: number; promoters: number; passives: number; detractors: number; interval95: [number, number] | null };
  /** score: % of answers 4–5 (0..100). */
  csat: { score: number | null; n: number; scale: "1-5" };
  /** mean on 1–7; agreePercent: % of answers 5–7 (0..100). */
  ces: { mean: number | null; agreePercent: number | null; n: number; scale: "1-7" };
}

export interface JourneyMapStage extends JourneyNodeStats {
  milestone: string;
  inDefinition: boolean;
}

export interface JourneyMapTouchpoint extends JourneyNodeStats {
  event: string;
  label: string;
  channel: string | null;
  /** Index of the definition's touchpoint rule it matched (null: none). */
  rule: number | null;
}

export interface JourneyMapStep {
  step: string;
  node: string;
  inDefinition: boolean;
  reached: number;
  dropped: number;
  completionFromPrevious: JourneyRate | null;
  dropOffFields: { field: string; node: string; dropped: number; reached: number }[];
}

export interface JourneyMap {
  product: string;
  from: string;
  to: string;
  definition: { product: string; name: string; builtIn: boolean };
  stages: JourneyMapStage[];
  touchpoints: JourneyMapTouchpoint[];
  steps: JourneyMapStep[];
}

export interface TouchpointRule {
  /** An event name, or a prefix ending in "*" ("call.*"); "page" matches page calls. */
  event: string;
  channel?: string;
  label?: string;
}

export interface JourneyDefinition {
  /** A product code or "*". */
  product: string;
  name: string;
  /** Event name → milestone (started, submitted, decided, funded, opened, abandoned or a custom name). */
  milestones: Record<string, string>;
  touchpoints: TouchpointRule[];
  stages: string[];
  steps: string[];
  inactivityDays: number;
  conversionWindowDays: number;
  /** Turnaround SLA per request type, in hours. */
  slaHours: Record<string, number>;
}

export interface JourneyDefinitionItem {
  product: string;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  definition: JourneyDefinition;
}

export interface JourneyDefinitions {
  /** The bank's own definitions, by product. */
  items: JourneyDefinitionItem[];
  /** What products without their own follow: the bank's "*" or (builtIn) the built-in one. */
  effectiveDefault: { builtIn: boolean; definition: JourneyDefinition };
}
