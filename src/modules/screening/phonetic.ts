/**
 * The sound of a name token: Double Metaphone keys (primary and alternate), and the consonant
 * skeleton used for tokens written in Arabic or Hebrew script, whose short vowels are not written.
 */
import { doubleMetaphone } from "double-metaphone";

export interface PhoneticKeys {
  primary: string;
  alternate: string;
}

/** Double Metaphone of a Latin token; empty keys for tokens without letters. */
export function phoneticKeys(token: string): PhoneticKeys {
  if (!/[a-z]/.test(token)) return { primary: "", alternate: "" };
  const [primary, alternate] = doubleMetaphone(token);
  return { primary, alternate: alternate === primary ? "" : alternate };
}

/** Consonants only, doubled letters once: muhammad → mhmd, youssef → ysf, laden → ldn. */
export function skeleton(token: string): string {
  let out = "";
  for (let i = 0; i < token.length; i++) {
    const c = token[i] as string;
    if ("aeiou".includes(c)) continue;
    if (out[out.length - 1] !== c) out += c;
  }
  return out;
}
