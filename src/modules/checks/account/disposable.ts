/**
 * Disposable (throw-away) email domains, from the disposable-email-domains package: its domain
 * list and its wildcard list (every subdomain of those is disposable too). Server only: the lists
 * hold ~120,000 domains and must not reach the customer's page. Loaded once, on first use.
 */
import { createRequire } from "node:module";
import { emailDomain } from "./email";

let domains: Set<string> | null = null;

function load(): Set<string> {
  if (!domains) {
    const require = createRequire(import.meta.url);
    const list = require("disposable-email-domains") as string[];
    const wildcard = require("disposable-email-domains/wildcard.json") as string[];
    domains = new Set([...list, ...wildcard].map((d) => d.toLowerCase()));
  }
  return domains;
}

/** True when the domain, or a domain it belongs to (mail.example.tk → example.tk), is disposable. */
export function isDisposableDomain(domain: string): boolean {
  const set = load();
  const parts = domain.toLowerCase().replace(/\.$/, "").split(".");
  for (let i = 0; i < parts.length - 1; i++) if (set.has(parts.slice(i).join("."))) return true;
  return false;
}

export const isDisposableEmail = (email: string): boolean => isDisposableDomain(emailDomain(email));
