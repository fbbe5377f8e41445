/**
 * The five products' application journeys as the demo bank runs them: the step and field ids of
 * Atrium's shipped flow templates (src/modules/onboarding/flow/templates/, checked by
 * flows.test.ts so a template change cannot leave the demo behind), and per product the ASSUMED
 * behaviour no public file records: how many finish each step, how decisions split and how long
 * they take, how long funding takes, and which channels customers start on. The figures follow
 * published digital-onboarding benchmarks in shape (deposit accounts complete far more often than
 * loans; mortgages lose most people at documents and fund in weeks), not any one bank's numbers.
 */
import type { ProductId } from "./calibration";
import type { Segment } from "./segments";

export interface StepPlan {
  id: string;
  kind: "form" | "documents" | "payment" | "review";
  fields: string[];
  /** Share of people viewing the step who complete it (before channel and segment effects). */
  completes: number;
}

export interface ProductPlan {
  steps: StepPlan[];
  /** Application demand before segment effects. */
  weight: number;
  /** Start channel mix. */
  channels: Record<StartChannel, number>;
  decision: { approve: number; reject: number; requestInfo: number; medianHours: number; sigma: number };
  /** After approval: share funded (first deposit, card activated, loan paid out, mortgage completed) and hours after approval. */
  funding: { rate: number; medianHours: number; sigma: number };
  /** Contact-centre queue of calls about this product. */
  queue: string;
}

export const START_CHANNELS = ["web", "app", "branch", "call", "agent-assisted"] as const;
export type StartChannel = (typeof START_CHANNELS)[number];

const s = (id: string, kind: StepPlan["kind"], fields: string[], completes: number): StepPlan => ({ id, kind, fields, completes });
const ABOUT = ["fullName", "email", "phone", "dateOfBirth", "nationalId", "address"];

export const PLANS: Record<ProductId, ProductPlan> = {
  checking: {
    steps: [
      s("about", "form", ABOUT, 0.88),
      s("work", "form", ["employment", "employer", "monthlyIncome", "wantsDeposit", "depositAmount"], 0.9),
      s("documents", "documents", ["idDocument", "proofOfAddress"], 0.78),
      s("deposit", "payment", [], 0.9),
      s("review", "review", ["terms"], 0.96),
    ],
    weight: 0.34,
    channels: { web: 0.38, app: 0.34, branch: 0.16, call: 0.04, "agent-assisted": 0.08 },
    decision: { approve: 0.9, reject: 0.04, requestInfo: 0.06, medianHours: 0.5, sigma: 1.3 },
    funding: { rate: 0.82, medianHours: 20, sigma: 1.3 },
    queue: "onboarding",
  },
  savings: {
    steps: [s("about", "form", ABOUT, 0.9), s("plan", "form", ["goal", "depositAmount", "monthlySaving"], 0.9), s("deposit", "payment", [], 0.85), s("review", "review", ["terms"], 0.96)],
    weight: 0.22,
    channels: { web: 0.35, app: 0.42, branch: 0.12, call: 0.04, "agent-assisted": 0.07 },
    decision: { approve: 0.95, reject: 0.02, requestInfo: 0.03, medianHours: 0.3, sigma: 1.2 },
    funding: { rate: 0.9, medianHours: 8, sigma: 1.2 },
    queue: "onboarding",
  },
  credit_card: {
    steps: [
      s("about", "form", ABOUT, 0.86),
      s("income", "form", ["employment", "employer", "annualIncome", "housing", "housingCost"], 0.82),
      s("card", "form", ["cardType", "requestedLimit"], 0.9),
      s("documents", "documents", ["idDocument", "proofOfIncome"], 0.75),
      s("review", "review", ["creditCheck", "terms"], 0.93),
    ],
    weight: 0.22,
    channels: { web: 0.42, app: 0.36, branch: 0.1, call: 0.05, "agent-assisted": 0.07 },
    decision: { approve: 0.62, reject: 0.3, requestInfo: 0.08, medianHours: 6, sigma: 1.0 },
    funding: { rate: 0.78, medianHours: 130, sigma: 0.5 },
    queue: "cards",
  },
  personal_loan: {
    steps: [
      s("loan", "form", ["loanAmount", "term", "purpose", "purposeDetails"], 0.8),
      s("about", "form", ABOUT, 0.88),
      s("income", "form", ["employment", "employer", "monthlyIncome", "monthlyCommitments"], 0.8),
      s("documents", "documents", ["idDocument", "payslips"], 0.74),
      s("fee", "payment", [], 0.9),
      s("review", "review", ["creditCheck", "terms"], 0.95),
    ],
    weight: 0.14,
    channels: { web: 0.36, app: 0.3, branch: 0.16, call: 0.06, "agent-assisted": 0.12 },
    decision: { approve: 0.58, reject: 0.3, requestInfo: 0.12, medianHours: 20, sigma: 0.8 },
    funding: { rate: 0.93, medianHours: 30, sigma: 0.6 },
    queue: "lending",
  },
  mortgage: {
    steps: [
      s("property", "form", ["propertyUse", "propertyValue", "downPayment", "propertyCity"], 0.75),
      s("about", "form", ABOUT, 0.88),
      s("income", "form", ["employment", "employer", "annualIncome", "monthlyCommitments"], 0.8),
      s("household", "form", ["hasCoApplicant", "coName", "coDateOfBirth", "coEmail", "coAnnualIncome"], 0.9),
      s("documents", "documents", ["idDocument", "payslips", "bankStatements", "coIdDocument"], 0.62),
      s("review", "review", ["creditCheck", "terms"], 0.95),
    ],
    weight: 0.08,
    channels: { web: 0.34, app: 0.1, branch: 0.3, call: 0.06, "agent-assisted": 0.2 },
    decision: { approve: 0.55, reject: 0.2, requestInfo: 0.25, medianHours: 96, sigma: 0.7 },
    funding: { rate: 0.9, medianHours: 600, sigma: 0.5 },
    queue: "mortgages",
  },
};

/** Fields where people stop more often than elsewhere on their step (income proofs, ids, money). */
export const HARD_FIELDS = new Set(["nationalId", "monthlyIncome", "annualIncome", "depositAmount", "requestedLimit", "idDocument", "proofOfAddress", "proofOfIncome", "payslips", "bankStatements", "coAnnualIncome", "downPayment"]);

/** ASSUMPTION: product demand by segment beyond the data-driven loan weights (calibration SEGMENTS). */
export const PRODUCT_TILT: Record<Segment, Partial<Record<ProductId, number>>> = {
  mass: {},
  affluent: { savings: 1.5, credit_card: 1.1 },
  young_professional: { credit_card: 1.4, savings: 0.8 },
  small_business: { checking: 1.5 },
  senior: { savings: 1.6, credit_card: 0.6, checking: 0.8 },
};

/** ASSUMPTION: start channel by segment (multiplies the product's mix): seniors visit branches, young professionals use the app. */
export const CHANNEL_TILT: Record<Segment, Partial<Record<StartChannel, number>>> = {
  mass: {},
  affluent: { branch: 1.3, "agent-assisted": 1.6 },
  young_professional: { app: 1.7, branch: 0.4, call: 0.6, "agent-assisted": 0.6 },
  small_business: { branch: 1.4, "agent-assisted": 1.2 },
  senior: { web: 0.7, app: 0.4, branch: 2.2, call: 1.8, "agent-assisted": 1.6 },
};

/** ASSUMPTION: drop-off multipliers: staff-assisted applications lose fewer people, web forms a few more. */
export const DROP_FACTOR: Record<StartChannel, number> = { web: 1.1, app: 1.0, branch: 0.55, call: 0.7, "agent-assisted": 0.6 };

/** ASSUMPTION: minutes on a step by kind (log-normal median, sigma); assisted channels take 1.5 times as long. */
export const STEP_MINUTES: Record<StepPlan["kind"], [number, number]> = { form: [2.5, 0.7], documents: [5, 0.8], payment: [1.5, 0.6], review: [1.2, 0.5] };

/** ASSUMPTION: journey behaviour shares. */
export const BEHAVIOUR = {
  /** A pause of hours to days between two steps (then an SMS or email reminder link brings some back). */
  pause: 0.22,
  pauseMedianHours: 20,
  /** After a pause, continuing on another channel (web ↔ app). */
  switchAfterPause: 0.35,
  /** A call to the contact centre for help during the application (a touchpoint in the journey). */
  helpCall: 0.1,
  /** A branch visit during a loan or mortgage application (documents brought in). */
  branchVisit: { personal_loan: 0.12, mortgage: 0.3 } as Partial<Record<ProductId, number>>,
  /** Dropped journeys whose abandonment Atrium records (the sweep after the inactivity window); the rest go silent. */
  explicitAbandon: 0.5,
  inactivityDays: 7,
  /** A request for information answered, and how long the customer takes (hours). */
  infoAnswered: 0.75,
  infoMedianHours: 40,
};

/** ASSUMPTION: survey sampling: who is asked and how many answer (responses per event). */
export const SURVEYS = { afterFunding: 0.32, afterDecision: 0.22, afterAbandon: 0.06, afterCall: 0.25, afterRequest: 0.2, csat: 0.7, ces: 0.5, followUp: 0.7, followUpMedianHours: 20 };
