/** Screening of applicants as an application hook: after steps that change who the applicant is, and before submission. */
export {};
