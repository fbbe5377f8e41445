/**
 * IBAN for the flow: the registry check of the checks module (every SWIFT IBAN-registry country,
 * its length and BBAN structure, MOD 97-10), re-exported where the flow logic has always found it.
 */
export { checkIban, IBAN_COUNTRIES, ibanPrefixFor, normaliseIban, validateIban } from "../../checks/account/iban";
