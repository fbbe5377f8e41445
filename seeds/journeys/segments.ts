/**
 * Customer segments of the demo bank, and the rule that assigns them from age, job and average
 * balance. scripts/calibrate-demo.ts applies this rule to every row of the UCI bank-marketing data
 * (a real Portuguese retail bank's customers) to get each segment's share and credit habits, so the
 * demo's mix of customers is a real bank's mix rather than a guess. The order of the tests matters:
 * - small_business: entrepreneurs and the self-employed bank as a business first (business
 *   checking, overdrafts), whatever their age or balance;
 * - senior: 60 and over, or retired: branch- and phone-heavy, savings-minded;
 * - affluent: an average yearly balance of €5,000 or more (about the top tenth of the file);
 * - young_professional: under 35 in a salaried white-collar job (management, technician, admin.):
 *   app-first, credit cards and first mortgages;
 * - mass: everyone else (blue-collar, services, housemaids, students, unemployed, unknown).
 */
export const SEGMENT_IDS = ["mass", "affluent", "young_professional", "small_business", "senior"] as const;
export type Segment = (typeof SEGMENT_IDS)[number];

const PROFESSIONAL_JOBS = new Set(["management", "technician", "admin."]);

export function segmentOf(age: number, job: string, balance: number): Segment {
  if (job === "entrepreneur" || job === "self-employed") return "small_business";
  if (age >= 60 || job === "retired") return "senior";
  if (balance >= 5000) return "affluent";
  if (age < 35 && PROFESSIONAL_JOBS.has(job)) return "young_professional";
  return "mass";
}
