/** Response schemas of the explore endpoints (the OpenAPI document and the contract tests read them). */
import { z } from "../../../server/openapi";

const Iso = z.string().openapi({ description: "ISO 8601, UTC" });
const NullableIso = Iso.nullable();

export const RateSchema = z
  .object({
    value: z.number().nullable().openapi({ description: "0..1; null when n = 0" }),
    low: z.number().nullable().openapi({ description: "Wilson 95 % interval, low end" }),
    high: z.number().nullable(),
    n: z.number().int().openapi({ description: "The denominator" }),
  })
  .openapi("Rate");

export const JourneySchema = z
  .object({
    id: z.string().openapi({ description: "The journey id (for Atrium's applications, the application id)" }),
    customer: z.string().nullable().openapi({ description: "userId, else anonymousId, of its events" }),
    product: z.string().nullable(),
    segment: z.string().nullable(),
    region: z.string().nullable(),
    branch: z.string().nullable(),
    agent: z.string().nullable(),
    device: z.string().nullable(),
    startChannel: z.string().nullable(),
    channels: z.array(z.string()).openapi({ description: "Every channel its touchpoints used" }),
    touchpoints: z.number().int(),
    channelSwitches: z.number().int().openapi({ description: "Changes of channel between consecutive touchpoints" }),
    status: z.enum(["open", "submitted", "decided", "funded", "abandoned"]),
    startedAt: NullableIso,
    submittedAt: NullableIso,
    decidedAt: NullableIso,
    decision: z.string().nullable(),
    fundedAt: NullableIso,
    openedAt: NullableIso,
    abandonedAt: NullableIso.openapi({ description: "The last activity of a journey the inactivity window closed" }),
    firstEventAt: Iso,
    lastActivityAt: Iso,
    abandonedStep: z.string().nullable().openapi({ description: "The step it was left on (abandoned journeys)" }),
    abandonedField: z.string().nullable().openapi({ description: "The last field touched before it was left" }),
    lastStep: z.string().nullable(),
    lastField: z.string().nullable(),
    events: z.number().int(),
  })
  .openapi("Journey");

export const TimelineEventSchema = z
  .object({
    type: z.enum(["track", "identify", "page"]),
    event: z.string().nullable(),
    occurredAt: Iso,
    receivedAt: Iso,
    source: z.object({ id: z.uuid(), name: z.string().nullable() }),
    messageId: z.string(),
    journeyId: z.string().nullable(),
    userId: z.string().nullable(),
    anonymousId: z.string().nullable(),
    channel: z.string().nullable().openapi({ description: "properties.channel, else context.channel, normalised" }),
    step: z.string().nullable(),
    field: z.string().nullable(),
    properties: z.record(z.string(), z.unknown()).openapi({ description: "As sent (identify: the traits)" }),
  })
  .openapi("TimelineEvent");

export const JourneyDetailSchema = JourneySchema.extend({
  reached: z.record(z.string(), z.string()).openapi({ description: 'Node → first time reached: "stage:<milestone>", "step:<id>", "event:<name>"' }),
  timeline: z.array(TimelineEventSchema).openapi({ description: "Every event of the journey, oldest first" }),
  truncated: z.boolean().openapi({ description: "More events exist than the timeline holds" }),
}).openapi("JourneyDetail");

export const CustomerTimelineSchema = z
  .object({
    customer: z.string(),
    items: z.array(TimelineEventSchema).openapi({ description: "The customer's events (userId or anonymousId), newest first" }),
    nextCursor: z.string().nullable(),
    journeys: z.array(JourneySchema).openapi({ description: "The customer's journeys and those of this page's events, newest first" }),
  })
  .openapi("CustomerTimeline");

export const FunnelSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    windowDays: z.number().int(),
    steps: z.array(
      z.object({
        index: z.number().int(),
        step: z.string(),
        node: z.string().openapi({ description: "The journeys.reached node it reads" }),
        entered: z.number().int(),
        conversionFromFirst: RateSchema,
        conversionFromPrevious: RateSchema.nullable(),
        medianHours: z.number().nullable().openapi({ description: "From the previous step" }),
        p90Hours: z.number().nullable(),
      }),
    ),
    overall: RateSchema,
    dropOffStep: z.object({ index: z.number().int(), step: z.string(), lost: z.number().int(), share: z.number().nullable() }).nullable(),
  })
  .openapi("Funnel");

const NodeStatsShape = {
  node: z.string(),
  volume: z.number().int().openapi({ description: "Journeys that reached it" }),
  dropOff: z.object({ count: z.number().int(), share: z.number().nullable().openapi({ description: "count ÷ volume" }) }),
  medianHours: z.number().nullable().openapi({ description: "From the journey's start" }),
  nps: z.object({ score: z.number().nullable(), n: z.number().int(), promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int(), interval95: z.tuple([z.number(), z.number()]).nullable() }),
  csat: z.object({ score: z.number().nullable().openapi({ description: "% of answers 4–5" }), n: z.number().int(), scale: z.literal("1-5") }),
  ces: z.object({ mean: z.number().nullable(), agreePercent: z.number().nullable(), n: z.number().int(), scale: z.literal("1-7") }),
};

export const JourneyMapSchema = z
  .object({
    product: z.string(),
    from: z.string(),
    to: z.string(),
    definition: z.object({ product: z.string(), name: z.string(), builtIn: z.boolean() }),
    stages: z.array(z.object({ ...NodeStatsShape, milestone: z.string(), inDefinition: z.boolean() })),
    touchpoints: z.array(z.object({ ...NodeStatsShape, event: z.string(), label: z.string(), channel: z.string().nullable(), rule: z.number().int().nullable().openapi({ description: "Index of the definition's touchpoint rule it matched (null: none)" }) })),
    steps: z.array(
      z.object({
        step: z.string(),
        node: z.string(),
        inDefinition: z.boolean(),
        reached: z.number().int(),
        dropped: z.number().int(),
        completionFromPrevious: RateSchema.nullable(),
        dropOffFields: z.array(z.object({ field: z.string(), node: z.string(), dropped: z.number().int(), reached: z.number().int() })),
      }),
    ),
  })
  .openapi("JourneyMap");

const DefinitionShape = z.object({
  product: z.string(),
  name: z.string(),
  milestones: z.record(z.string(), z.string()),
  touchpoints: z.array(z.object({ event: z.string(), channel: z.string().optional(), label: z.string().optional() })),
  stages: z.array(z.string()),
  steps: z.array(z.string()),
  inactivityDays: z.number().int(),
  conversionWindowDays: z.number().int(),
  slaHours: z.record(z.string(), z.number()),
});

export const StoredDefinitionSchema = z
  .object({
    product: z.string(),
    version: z.number().int(),
    updatedAt: Iso,
    updatedBy: z.string().nullable(),
    definition: DefinitionShape,
  })
  .openapi("StoredJourneyDefinition");

export const DefinitionsSchema = z
  .object({
    items: z.array(StoredDefinitionSchema).openapi({ description: "The bank's own definitions, by product" }),
    effectiveDefault: z.object({ builtIn: z.boolean().openapi({ description: "true: no '*' definition is stored, the built-in one applies" }), definition: DefinitionShape }),
  })
  .openapi("JourneyDefinitions");
