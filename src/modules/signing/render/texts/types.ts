/** Text of one built-in template in one language; `{bank}`, `{customer}`, `{product}` are filled in. */
export interface TemplateText {
  title: string;
  intro: string;
  clauses: Array<[heading: string, body: string]>;
  closing: string;
}

/** Labels shared by every document in one language. */
export interface CommonText {
  reference: string;
  date: string;
  customer: string;
  product: string;
  details: string;
  loan: { heading: string; amount: string; term: string; termValue: string; rate: string; monthly: string };
  signatures: string;
  signatureIntro: string;
  signature: string;
  name: string;
  dateSigned: string;
  roles: { applicant: string; co_applicant: string; guarantor: string };
  /** "Page {n} of {m}" */
  page: string;
  certificate: {
    title: string;
    intro: string;
    bank: string;
    envelope: string;
    document: string;
    sha256: string;
    completed: string;
    signer: string;
    role: string;
    auth: string;
    ip: string;
    userAgent: string;
    sent: string;
    viewed: string;
    consented: string;
    signed: string;
    kind: string;
    drawn: string;
    typed: string;
    otpSms: string;
    otpEmail: string;
    footer: string;
  };
}

export const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
