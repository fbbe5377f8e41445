/** Demo customers, plausible answers per field type, and small documents for the demo applications. */
import type { AnswerValue, Field } from "../src/modules/onboarding/flow/types";
import type { random } from "./feedback";

type Rand = ReturnType<typeof random>;

export interface DemoCustomer {
  name: string;
  language: string;
  phone: string;
  email: string;
  city: string;
  country: string;
}

const FIRST = ["Dana", "Yossi", "Maya", "Omar", "Layla", "Karim", "Wei", "Mei", "Chen", "Sarah", "David", "Noa", "Ahmad", "Rania", "Lior", "Hui"];
const LAST = ["Levi", "Cohen", "Haddad", "Khoury", "Zhang", "Wang", "Lin", "Mizrahi", "Nasser", "Friedman", "Saleh", "Huang", "Peretz", "Darwish"];
const LANGS = ["en", "en", "en", "he", "he", "ar", "ar", "zh-Hans", "zh-Hant"];
const CITIES: Array<[string, string]> = [
  ["Tel Aviv", "IL"],
  ["Haifa", "IL"],
  ["Nazareth", "IL"],
  ["Amman", "JO"],
  ["Dubai", "AE"],
  ["London", "GB"],
  ["Taipei", "TW"],
  ["Singapore", "SG"],
];

export function demoCustomer(r: Rand, i: number): DemoCustomer {
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  const [city, country] = r.pick(CITIES);
  return {
    name: `${first} ${last}`,
    language: r.pick(LANGS),
    phone: `+97250${String(1_000_000 + ((i * 7919) % 8_999_999)).padStart(7, "0")}`,
    email: `${first}.${last}.${i}@example.com`.toLowerCase(),
    city,
    country,
  };
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A value the field accepts, or undefined to leave an optional field empty. */
export function sampleValue(field: Field, r: Rand, c: DemoCustomer, today: Date): AnswerValue | undefined {
  switch (field.type) {
    case "text":
      return field.prefill === "customer.name" ? c.name : r.pick(["Salary account", "Family savings", "Renovation", "Travel"]);
    case "employer":
      return r.pick(["Harbor Logistics", "City Hospital", "Orbit Software", "Green Grocers", "Ministry of Education"]);
    case "email":
      return c.email;
    case "phone":
      return c.phone;
    case "national_id":
      return String(100_000_000 + Math.floor(r.next() * 899_999_999));
    case "date": {
      if (field.minAge !== undefined || field.maxAge !== undefined) {
        const age = Math.max(field.minAge ?? 18, 21) + Math.floor(r.next() * 35);
        return isoDate(new Date(Date.UTC(today.getUTCFullYear() - age, Math.floor(r.next() * 12), 1 + Math.floor(r.next() * 27))));
      }
      const days = Math.floor(30 + r.next() * 300) * (field.when === "past" ? -1 : 1);
      return isoDate(new Date(today.getTime() + days * 86_400_000));
    }
    case "address":
      return { line1: `${1 + Math.floor(r.next() * 120)} ${r.pick(["Herzl St", "King St", "Harbor Rd", "Garden Ave"])}`, city: c.city, postcode: String(10000 + Math.floor(r.next() * 89999)), country: field.country ?? c.country };
    case "select":
      return field.options?.length ? r.pick(field.options).id : undefined;
    case "checkbox":
      return field.required ? true : r.next() < 0.6;
    case "money":
    case "income": {
      const lo = Number(field.min ?? 100);
      const hi = Number(field.max ?? Math.max(lo * 20, 20_000));
      const n = lo + Math.floor(r.next() * Math.min(hi - lo, 50_000));
      return `${Math.max(lo, n)}.00`;
    }
    case "iban":
      return "GB82WEST12345698765432";
    case "file":
      return undefined;
  }
  return undefined;
}

/** A one-page PDF naming the document, for the reviewer's viewer (valid xref offsets). */
export function demoPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, " ").slice(0, 80);
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj 0 -28 Td /F1 11 Tf (Atrium demo document - not a real identity document) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
