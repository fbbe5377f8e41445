/**
 * Screening of applicants as an application hook (order 10, before risk at 20): after steps that
 * change who the applicant is, and before submission against the lists active then.
 */
import { registerApplicationHook } from "../onboarding/steps";
import { screenApplicantSafely } from "./screen-applicant";

registerApplicationHook({
  name: "screening",
  order: 10,
  run: async (trx, deps, app, moment) => {
    await screenApplicantSafely(trx, deps, app, moment);
    return undefined;
  },
});
