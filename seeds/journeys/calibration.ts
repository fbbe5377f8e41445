/**
 * The demo generator's calibration. Constants marked DATA were derived by scripts/calibrate-demo.ts
 * from the public files in ../shared/data (outside the repository; provenance in its README.md) and
 * copied here, so the generator and its tests never need those files. Constants marked ASSUMPTION
 * have no column in those files; each says what it rests on. Caveats carried over from the data:
 * the NPS answers are a French garden-centre retailer's (not a bank's), the calls are a Portuguese
 * bank's outbound term-deposit campaign of 2008–2010, and the complaint sample has products only.
 */
import type { Segment } from "./segments";

export type ProductId = "checking" | "savings" | "credit_card" | "personal_loan" | "mortgage";
export const PRODUCTS: readonly ProductId[] = ["checking", "savings", "credit_card", "personal_loan", "mortgage"];

// ---- Surveys ---------------------------------------------------------------------------------

/** DATA nps-retail-cc0.csv, column `nps` (0–10), 13,612 answers (NA skipped): share of each answer 0..10 (NPS 53.4). */
export const NPS_SHARES = [0, 0.0061, 0.0039, 0.0048, 0.0074, 0.0295, 0.0361, 0.0779, 0.2125, 0.1827, 0.4392];

/** DATA nps-retail-cc0.csv, column `satisfaction` (0–10) folded onto CSAT 1–5 (0–2→1, 3–4→2, 5–6→3, 7–8→4, 9–10→5). */
export const CSAT_SHARES = [0.015, 0.0218, 0.078, 0.3574, 0.5277];

/** ASSUMPTION: CES 1–7 ("easy to …"); no file has an effort question. Skewed to agree, mean ≈ 5.5, as published bank CES surveys run. */
export const CES_SHARES = [0.03, 0.04, 0.06, 0.1, 0.2, 0.3, 0.27];

/** DATA nps-retail-cc0.csv, share of answers with a comment (`explication` not NA) per NPS band. */
export const COMMENT_RATE = { detractor: 0.521, passive: 0.27, promoter: 0.25 };

// ---- Contact centre --------------------------------------------------------------------------

/** DATA uci-bank-marketing-full.csv, column `duration` (call seconds): quantiles q → seconds (median 180 s, mean 258 s). */
export const TALK_QUANTILES = {
  q: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99, 1],
  seconds: [0, 35, 58, 75, 89, 103, 117, 132, 147, 163, 180, 200, 223, 249, 280, 319, 368, 437, 548, 751, 1269, 4918],
};

/** DATA uci-bank-marketing-full.csv, column `campaign` (contacts with one customer in a campaign): shares of 1..9 and 10 (= 10 or more). */
export const CAMPAIGN_CONTACTS_SHARES = [0.388, 0.2766, 0.1221, 0.0779, 0.039, 0.0286, 0.0163, 0.0119, 0.0072, 0.0323];

/** DATA uci-bank-marketing-full.csv, column `outcome`: share of campaigns ending in a subscribed term deposit (5,289 / 45,211). */
export const CAMPAIGN_CONVERSION = 0.117;

/** ASSUMPTION: share of demo units whose customer is in an outbound savings campaign (a campaign per ~16 customers a year). */
export const CAMPAIGN_RATE = 0.06;

/** ASSUMPTION: hold time: none on 55 % of calls, else log-normal median 40 s; after-call work log-normal median 45 s (industry AHT splits). */
export const HOLD = { none: 0.55, median: 40, sigma: 0.8 };
export const AFTER_CALL = { median: 45, sigma: 0.6 };

/** ASSUMPTION: first-contact resolution of inbound calls (industry benchmarks run 70–80 %). */
export const RESOLVED_RATE = 0.76;

/** ASSUMPTION: inbound service calls per unit (customers who call about something other than their application). */
export const SERVICE_CALL_RATE = 0.45;

// ---- Customers ------------------------------------------------------------------------------

/**
 * DATA uci-bank-marketing-full.csv, columns `age`, `job`, `balance` through segments.ts's rule:
 * each segment's share of customers; `housing` and `loan` (has a housing / personal loan) per
 * segment weight mortgage and personal-loan demand against the overall 0.556 and 0.160.
 */
export const SEGMENTS: Record<Segment, { share: number; housingLoan: number; personalLoan: number; medianBalance: number }> = {
  mass: { share: 0.6512, housingLoan: 0.592, personalLoan: 0.168, medianBalance: 375 },
  affluent: { share: 0.0517, housingLoan: 0.504, personalLoan: 0.077, medianBalance: 7487 },
  young_professional: { share: 0.1653, housingLoan: 0.569, personalLoan: 0.158, medianBalance: 375 },
  small_business: { share: 0.0678, housingLoan: 0.533, personalLoan: 0.191, medianBalance: 438.5 },
  senior: { share: 0.0639, housingLoan: 0.219, personalLoan: 0.123, medianBalance: 800 },
};
export const OVERALL_HOUSING_LOAN = 0.556;
export const OVERALL_PERSONAL_LOAN = 0.16;

/** ASSUMPTION: journeys per customer in a year ≈ 1.3 (some customers open a second product). */
export const JOURNEYS_PER_CUSTOMER = 1.3;

// ---- Service requests -------------------------------------------------------------------------

/**
 * DATA cfpb-complaints-sample.csv, column `Product`, mapped to Atrium's products: Mortgage 800;
 * Credit card 457 + Prepaid card 35; Bank account or service 363 + Money transfers 36 (checking);
 * Consumer Loan 226 + Student loan 254 + Payday loan 42 (personal loan); Other financial service 7
 * (savings). Debt collection and Credit reporting (1,727) are about collectors and bureaus, not the
 * bank's own products, and are left out.
 */
export const COMPLAINT_PRODUCT_COUNTS: Record<ProductId, number> = { mortgage: 800, credit_card: 492, checking: 399, personal_loan: 522, savings: 7 };

/**
 * ASSUMPTION: how complaints arrive. The sample has no `Submitted via` column; CFPB's published
 * database is mostly web (about two thirds), then referrals, phone and mail: web and app here take
 * that web share, call the phone share, branch and email the rest.
 */
export const COMPLAINT_CHANNELS: Record<string, number> = { web: 0.55, app: 0.12, call: 0.18, branch: 0.08, email: 0.07 };

/**
 * ASSUMPTION: request mix and turnaround (hours, log-normal). The sample has no dates nor
 * `Timely response?`; complaints follow CFPB's 15-day response rule (SLA 360 h, DEFAULT_DEFINITION)
 * with about 90 % inside it; card replacement within 5 days; address changes within a day.
 */
export const REQUESTS = {
  rate: 0.35,
  types: { card_replacement: 0.4, address_change: 0.35, complaint: 0.25 } as Record<string, number>,
  turnaroundHours: { card_replacement: { median: 70, sigma: 0.45 }, address_change: { median: 6, sigma: 1.0 }, complaint: { median: 120, sigma: 0.75 } } as Record<string, { median: number; sigma: number }>,
  channels: {
    card_replacement: { app: 0.45, call: 0.35, branch: 0.2 },
    address_change: { app: 0.5, web: 0.3, branch: 0.2 },
  } as Record<string, Record<string, number>>,
};

// ---- Time ------------------------------------------------------------------------------------

/** ASSUMPTION: applications by month (Jan..Dec): New-year savings and spring buying up, summer and December down. */
export const MONTH_WEIGHTS = [1.15, 1.0, 1.08, 1.06, 1.0, 0.94, 0.85, 0.8, 1.04, 1.05, 1.0, 0.85];
/** ASSUMPTION: applications by weekday (Mon..Sun): digital banking peaks early in the week. */
export const WEEKDAY_WEIGHTS = [1.18, 1.12, 1.06, 1.04, 0.98, 0.72, 0.55];
/** ASSUMPTION: a growing digital bank: the year's last month has this many times the first month's volume. */
export const YEAR_GROWTH = 1.12;
/** ASSUMPTION: hour of day (UTC = local for the demo bank) by channel kind: digital peaks at lunch and evening, branches 9–17, calls 8–20. */
export const HOUR_WEIGHTS = {
  digital: [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 1.6, 2, 2.2, 2.4, 3, 2.8, 2.4, 2.2, 2.2, 2.4, 2.8, 3.2, 3.4, 3, 2, 1],
  branch: [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 3, 2.5, 2.5, 3, 3, 2.5, 1, 0, 0, 0, 0, 0, 0],
  call: [0, 0, 0, 0, 0, 0, 0, 0, 1.5, 3, 3.2, 3, 2.6, 2.6, 2.8, 2.8, 2.6, 2.2, 1.6, 1.2, 0.6, 0, 0, 0],
};
