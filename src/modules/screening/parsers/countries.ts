/**
 * Country names as sanctions lists write them → ISO 3166-1 alpha-2. The reverse of the English
 * region names Node knows (Intl.DisplayNames), plus the official long forms the UN, OFAC and the
 * EU use ("Iran (Islamic Republic of)", "Korea, North", "Russian Federation"). A name that cannot
 * be mapped keeps its text, so nothing the list said is lost.
 */

const norm = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/\b(the|of)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Long and historic forms the lists use that Intl does not name. */
const QUIRKS: Record<string, string> = {
  "Iran (Islamic Republic of)": "IR",
  "Islamic Republic of Iran": "IR",
  "Democratic People's Republic of Korea": "KP",
  "Korea, North": "KP",
  "North Korea": "KP",
  "Korea, Democratic People's Republic of": "KP",
  "Republic of Korea": "KR",
  "Korea, South": "KR",
  "Korea, Republic of": "KR",
  "Russian Federation": "RU",
  "Syrian Arab Republic": "SY",
  "United Kingdom of Great Britain and Northern Ireland": "GB",
  "Great Britain": "GB",
  "United States of America": "US",
  USA: "US",
  UK: "GB",
  Palestine: "PS",
  "State of Palestine": "PS",
  "Palestinian Territories": "PS",
  "West Bank": "PS",
  Gaza: "PS",
  "United Republic of Tanzania": "TZ",
  "Tanzania, United Republic of": "TZ",
  Türkiye: "TR",
  Turkey: "TR",
  "Democratic Republic of the Congo": "CD",
  "Democratic Republic of Congo": "CD",
  "Congo, Democratic Republic of the": "CD",
  "Congo (Kinshasa)": "CD",
  Congo: "CG",
  "Republic of the Congo": "CG",
  "Congo, Republic of the": "CG",
  "Congo (Brazzaville)": "CG",
  Burma: "MM",
  Myanmar: "MM",
  "Venezuela (Bolivarian Republic of)": "VE",
  "Bolivia (Plurinational State of)": "BO",
  "Lao People's Democratic Republic": "LA",
  "Viet Nam": "VN",
  "Cote d'Ivoire": "CI",
  "Ivory Coast": "CI",
  "Czech Republic": "CZ",
  Macedonia: "MK",
  "The former Yugoslav Republic of Macedonia": "MK",
  "Moldova, Republic of": "MD",
  "Republic of Moldova": "MD",
  "Bosnia-Herzegovina": "BA",
  Kosovo: "XK",
  "Hong Kong": "HK",
  "China, Hong Kong Special Administrative Region": "HK",
  "China, Macao Special Administrative Region": "MO",
  Macau: "MO",
  Macao: "MO",
  "Brunei Darussalam": "BN",
  "Cabo Verde": "CV",
  Swaziland: "SZ",
  "Holy See": "VA",
  "Micronesia (Federated States of)": "FM",
  "Libyan Arab Jamahiriya": "LY",
  "Sint Maarten": "SX",
  "St. Kitts and Nevis": "KN",
  "St. Lucia": "LC",
  "St. Vincent and the Grenadines": "VC",
  "Taiwan, Province of China": "TW",
  "Region: Gaza": "PS",
  Netherlands: "NL",
  "The Netherlands": "NL",
  Gambia: "GM",
  "The Gambia": "GM",
  "The Bahamas": "BS",
};

/** Groupings, pseudo-codes and withdrawn codes Intl still names (YD "Yemen", DD "East Germany"…). */
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AN", "BU", "CS", "DD", "DY", "FX", "HV", "NH", "RH", "SU", "TP", "UK", "VD", "YD", "YU", "ZR", "QU", "EA", "IC", "CP", "DG", "TA", "AC", "CQ"]);

let table: Map<string, string> | null = null;
let codes: Set<string> | null = null;

function build(): Map<string, string> {
  const map = new Map<string, string>();
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  const A = 65;
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        continue;
      }
      if (!name || name === code || /unknown/i.test(name)) continue;
      if (NOT_COUNTRIES.has(code)) continue;
      const key = norm(name);
      if (!map.has(key)) map.set(key, code);
      // "Myanmar (Burma)", "Congo - Kinshasa", "Hong Kong SAR China": the part before the qualifier too.
      const short = norm(name.replace(/\s*\(.*\)$/, "").replace(/\s+-\s+.*$/, "").replace(/\s+SAR\s+China$/, ""));
      if (short && !map.has(short)) map.set(short, code);
    }
  }
  for (const [name, code] of Object.entries(QUIRKS)) map.set(norm(name), code);
  map.delete("congo"); // ambiguous in Intl ("Congo - Brazzaville"/"- Kinshasa"): the quirk decides
  map.set("congo", "CG");
  return map;
}

/** ISO2 for a country name or code; null when it cannot be mapped. */
export function countryCode(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  table ??= build();
  codes ??= new Set(table.values());
  if (/^[A-Za-z]{2}$/.test(s) && codes.has(s.toUpperCase())) return s.toUpperCase();
  return table.get(norm(s)) ?? null;
}

/** The ISO2 code when it maps, otherwise the list's text (trimmed); empty → null. */
export function countryOrText(raw: string): string | null {
  const s = raw.trim().replace(/\.$/, "");
  if (!s || /^(na|n\/a|unknown|-0-)$/i.test(s)) return null;
  return countryCode(s) ?? s;
}
