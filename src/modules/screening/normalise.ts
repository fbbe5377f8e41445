/**
 * Name normalisation for screening: any script in, lower-case Latin tokens out, the same rules for
 * the list side and the query side (so every decision below is symmetric).
 *
 * 1. Unicode NFKD; combining marks dropped (diacritics: Müller → muller, Nguyễn → nguyen).
 * 2. Scripts to Latin: Arabic and Hebrew by our own letter tables (long-vowel letters become
 *    vowels, so أسامة → asama and אוסאמה → osama; any-ascii would give "smh"/"vs'mh"); tokens from
 *    these abjads are flagged, because short vowels are not written and matching must then lean on
 *    consonants. Han characters become pinyin syllables (any-ascii), grouped as a Chinese name is
 *    written in Latin: surname + given name (习近平 → xi jinping). Everything else (Cyrillic, Greek,
 *    Latin with diacritics, …) goes through any-ascii (Усама бен Ладен → usama ben laden).
 * 3. Apostrophes vanish (O'Brien → obrien), other punctuation and hyphens separate words.
 * 4. Honorifics and titles are dropped (Mr, Dr, Sheikh, Haji, Rabbi, General, Jr, 先生, …; the
 *    ambiguous abbreviations Gen/Col/Maj/Lt/… only when written with a dot). A name made only of
 *    titles keeps them, so it still screens.
 * 5. Particles: the Arabic article al/el/ul (also ال- written on the word) is dropped, so
 *    al-Zawahiri = Zawahiri on both sides. bin/ben/ibn/bn → "bin" and abu/abou → "abu" are kept
 *    as names (they carry lineage) but weigh little in the score (see score.ts). abd + the next
 *    word is one name (Abdul Rahman = Abd al-Rahman = Abdelrahman → abdrahman).
 * Word order is left as written: the scorer aligns tokens regardless of order.
 */
import anyAscii from "any-ascii";

export interface NameToken {
  text: string;
  /** From Arabic or Hebrew script without vowel points: short vowels are missing. */
  abjad: boolean;
}

/** Dropped wherever they stand (lower case, after transliteration). */
const TITLES = new Set(
  (
    "mr mrs ms miss mx messrs dr doctor prof professor sir dame lord lady madam madame mme mlle monsieur herr frau " +
    "senor senora sra srta sheikh shaikh sheik shaykh shekh cheikh sheikha shaikha shikh haji hajji hadji hajj haj alhaj alhajj " +
    "mullah mulla maulana mawlana maulvi mawlawi imam ayatollah hojatoleslam rabbi harav rav " +
    "general colonel lieutenant sergeant captain admiral brigadier commander marshal " +
    "jr junior sr senior ii iii iv esq phd honourable honorable hon rev reverend " +
    "gospodin gospozha xiansheng nushi xiaojie"
  ).split(" "),
);
/** Titles that are also names or name syllables: dropped only when abbreviated with a dot ("Gen."). */
const DOTTED_TITLES = /(^|[\s,(])(gen|col|maj|capt|cpt|lt|sgt|adm|brig|cmdr|gov|sen|rep|mr|mrs|ms|dr|prof)\.(?=\s|$|[^\p{L}])/giu;
const HAN_TITLES = /先生|女士|小姐|博士|教授|将军|將軍|同志|阁下|閣下/g;
const ARTICLES = new Set(["al", "el", "ul"]);
const BIN = new Set(["bin", "ben", "ibn", "bn", "ibni", "binti", "bint"]);
const ABU = new Set(["abu", "abou", "abo"]);
const ABD = /^(abdul|abdel|abdal|abdil|abdol|abdoul|abdu|abd)/;
/** Low-information name parts: kept, but weigh little (score.ts). */
export const PARTICLES = new Set(["bin", "bint", "abu", "van", "von", "der", "den", "de", "da", "di", "del", "della", "du", "dos", "das", "la", "le", "ter", "ten", "mac", "ap"]);

const ARABIC = /[\u0600-\u06FF\u0750-\u077F]/;
const HEBREW = /[\u0590-\u05FF]/;
const HAN = /[\u3400-\u9FFF\uF900-\uFAFF]/;
const RUNS = /[\u0600-\u06FF\u0750-\u077F]+|[\u0590-\u05FF]+|[\u3400-\u9FFF\uF900-\uFAFF]+|[^\u0590-\u06FF\u0750-\u077F\u3400-\u9FFF\uF900-\uFAFF]+/gu;

const AR: Record<string, string> = {
  "\u0627": "a", "\u0628": "b", "\u062A": "t", "\u062B": "th", "\u062C": "j", "\u062D": "h", "\u062E": "kh", "\u062F": "d",
  "\u0630": "dh", "\u0631": "r", "\u0632": "z", "\u0633": "s", "\u0634": "sh", "\u0635": "s", "\u0636": "d", "\u0637": "t",
  "\u0638": "z", "\u063A": "gh", "\u0641": "f", "\u0642": "q", "\u0643": "k", "\u0644": "l", "\u0645": "m", "\u0646": "n",
  "\u0647": "h", "\u0629": "a", "\u0649": "a", "\u0621": "", "\u067E": "p", "\u0686": "ch", "\u0698": "zh", "\u06AF": "g",
  "\u06A9": "k", "\u06C0": "a", "\u06D5": "a", "\u0671": "a",
  // Vowel points, when written: fatha, damma, kasra, superscript alef.
  "\u064E": "a", "\u064F": "u", "\u0650": "i", "\u0670": "a",
};
const HE: Record<string, string> = {
  "\u05D1": "b", "\u05D2": "g", "\u05D3": "d", "\u05D6": "z", "\u05D7": "h", "\u05D8": "t", "\u05DB": "k", "\u05DA": "k",
  "\u05DC": "l", "\u05DE": "m", "\u05DD": "m", "\u05E0": "n", "\u05DF": "n", "\u05E1": "s", "\u05E4": "f", "\u05E3": "f",
  "\u05E6": "ts", "\u05E5": "ts", "\u05E7": "k", "\u05E8": "r", "\u05E9": "sh", "\u05EA": "t",
};
const GERESH: Record<string, string> = { "\u05D2": "j", "\u05D6": "zh", "\u05E6": "ch", "\u05E5": "ch", "\u05EA": "th" };

function pushVowel(out: string[], v: string): void {
  if (out[out.length - 1] !== v) out.push(v);
}

/** One Arabic word (letters and points after NFKD) to Latin; the article ال becomes its own "al" word. */
function arabicWord(word: string): string[] {
  const chars = [...word].filter((c) => c !== "\u0640");
  const words: string[] = [];
  let start = 0;
  if (chars.length > 3 && chars[0] === "\u0627" && chars[1] === "\u0644") {
    words.push("al");
    start = 2;
  }
  const out: string[] = [];
  const letters = chars.slice(start);
  for (let i = 0; i < letters.length; i++) {
    const c = letters[i] as string;
    const first = i === 0;
    if (c === "\u0648") out.push(first ? "w" : "u");
    else if (c === "\u064A" || c === "\u06CC") out.push(first ? "y" : "i");
    else if (c === "\u0639") {
      // ʿayn: a vowel sound in Latin spellings (Abd, Saad, Jafar), silent next to alef or at the end.
      const near = letters[i - 1] === "\u0627" || letters[i + 1] === "\u0627" || i === letters.length - 1;
      if (!near) pushVowel(out, "a");
    } else if (c === "\u0651") {
      // shadda doubles the consonant (written before or after its vowel point)
      const last = out.length - 1;
      const prev = out[last];
      if (prev && !"aiu".includes(prev)) out.push(prev);
      else if (prev && last > 0 && !"aiu".includes(out[last - 1] as string)) out.splice(last, 0, out[last - 1] as string);
    } else if (c in AR) {
      const v = AR[c] as string;
      if (v === "a" || v === "u" || v === "i") pushVowel(out, v);
      else out.push(v);
    }
  }
  words.push(out.join(""));
  return words;
}

/** One Hebrew word to Latin: vav and yod as vowels inside a word, final he as "a", geresh for j/zh/ch. */
function hebrewWord(word: string): string {
  const chars = [...word].filter((c) => !/[\u0591-\u05C7]/.test(c));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const next = chars[i + 1];
    const first = i === 0;
    if (next === "\u05F3" || next === "'") {
      if (GERESH[c]) {
        out.push(GERESH[c] as string);
        i++;
        continue;
      }
    }
    if (c === "\u05D0") {
      if (!(first && (next === "\u05D5" || next === "\u05D9"))) pushVowel(out, "a");
    } else if (c === "\u05D5") {
      if (next === "\u05D5") {
        out.push("v");
        i++;
      } else out.push(first ? "v" : "o");
    } else if (c === "\u05D9") {
      if (next === "\u05D9") {
        out.push("y");
        i++;
      } else out.push(first ? "y" : "i");
    } else if (c === "\u05D4") out.push(i === chars.length - 1 && !first ? "a" : "h");
    else if (c === "\u05E2") {
      if (first || (next && next !== "\u05D0")) pushVowel(out, "a");
    } else if (c === "\u05E4" && first) out.push("p");
    else if (HE[c]) out.push(HE[c] as string);
  }
  return out.join("");
}

/** Han characters to pinyin, grouped like a Latin-written Chinese name: surname, then given name. */
function hanWords(run: string): string[] {
  const syl = [...run].map((c) => anyAscii(c).toLowerCase().replace(/[^a-z]/g, "")).filter(Boolean);
  if (syl.length <= 1) return syl;
  if (syl.length === 4) return [syl[0] + (syl[1] as string), syl[2] + (syl[3] as string)];
  if (syl.length > 4) return [syl.join("")];
  return [syl[0] as string, syl.slice(1).join("")];
}

/** Latin words of one whitespace-separated chunk, with the abjad flag of their script. */
function chunkWords(chunk: string): NameToken[] {
  const out: NameToken[] = [];
  for (const run of chunk.match(RUNS) ?? []) {
    if (ARABIC.test(run)) {
      for (const w of run.split(/[^\u0621-\u0655\u0670-\u06D5]+/u)) {
        if (w) for (const t of arabicWord(w)) out.push({ text: t, abjad: !/[\u064E-\u0650]/.test(w) });
      }
    } else if (HEBREW.test(run)) {
      for (const w of run.split(/[^\u05D0-\u05EA\u05F3\u0591-\u05C7']+/u)) if (w) out.push({ text: hebrewWord(w), abjad: !/[\u05B4-\u05BB]/.test(w) });
    } else if (HAN.test(run)) {
      for (const t of hanWords(run)) out.push({ text: t, abjad: false });
    } else {
      const ascii = anyAscii(run).toLowerCase().replace(/['`’ʻʼ]/g, "");
      for (const t of ascii.split(/[^a-z0-9]+/)) if (t) out.push({ text: t, abjad: false });
    }
  }
  return out.filter((t) => /^[a-z0-9]+$/.test(t.text));
}

function canonical(t: string): string {
  if (BIN.has(t)) return t === "bint" || t === "binti" ? "bint" : "bin";
  if (ABU.has(t)) return "abu";
  const m = ABD.exec(t);
  if (m && t.length > m[0].length + 2) return `abd${t.slice(m[0].length)}`;
  if (m && t.length === m[0].length) return "abd";
  return t;
}

/** The tokens of a name with their script flag (see the module comment for every rule). */
export function normaliseTokens(name: string): NameToken[] {
  const text = name
    .slice(0, 1000)
    .replace(DOTTED_TITLES, "$1 ")
    .replace(HAN_TITLES, " ")
    .normalize("NFKD")
    .replace(/[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g, "");
  const raw: NameToken[] = [];
  for (const chunk of text.split(/[\s\-‐‑‒–—_/\\|.,;:()[\]{}"«»“”„]+/u)) if (chunk) raw.push(...chunkWords(chunk));
  const kept = raw.filter((t) => !TITLES.has(t.text) && !ARTICLES.has(t.text));
  const tokens = (kept.length > 0 ? kept : raw).map((t) => ({ text: canonical(t.text), abjad: t.abjad }));
  const out: NameToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as NameToken;
    const next = tokens[i + 1];
    if (t.text === "abd" && next && !PARTICLES.has(next.text)) {
      out.push({ text: `abd${next.text}`, abjad: t.abjad || next.abjad });
      i++;
    } else out.push(t);
  }
  return out;
}

/** Contract 3: the Latin tokens of a name, in written order. */
export function normaliseName(name: string): string[] {
  return normaliseTokens(name).map((t) => t.text);
}

export const MAX_NAME_LENGTH = 300;

/** Null when the name can be screened, otherwise why not (the route turns it into a 400 on body.name). */
export function checkScreeningName(name: string): string | null {
  if (name.length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters`;
  if (name.trim() === "") return "must not be empty";
  if (!/\p{L}/u.test(name)) return "must contain letters (not only digits or symbols)";
  if (!normaliseTokens(name).some((t) => /[a-z]/.test(t.text))) return "has no letters that can be screened";
  return null;
}
