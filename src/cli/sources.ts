/** `atrium source create|list`: the bank's event sources (and their write keys) from the command line. */
import { parseArgs } from "node:util";
import type { Config } from "../config";
import { AppError } from "../kernel/errors";
import { createSource, listSources } from "../modules/journeys/sources";
import { resolveTenant } from "../modules/tenancy/queries";
import type { Deps } from "../server/deps";
import { UsageError, withDeps } from "./admin";

const USAGE = `usage: atrium source create <name> [--tenant <slug>] [--kind http|import]
       atrium source list [--tenant <slug>]`;

export async function sourceCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "create") return sourceCreate(config, rest);
  if (sub === "list") return sourceList(config, rest);
  throw new UsageError(USAGE);
}

function parse(args: string[], options: Record<string, { type: "string" }>) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

/** The "only bank" default and unknown slugs as usage errors that name --tenant. */
async function tenantOf(deps: Deps, slug: string | undefined) {
  try {
    return await resolveTenant(deps.db, slug, "--tenant");
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (slug) throw new UsageError(`No bank with the slug ${slug} on this server.`);
    const any = await deps.db.selectFrom("tenants").select("id").limit(1).executeTakeFirst();
    throw new UsageError(any ? "This server hosts more than one bank: say which with --tenant <slug>." : "This server has no bank yet: run `atrium seed` (demo) or create one first.");
  }
}

async function sourceCreate(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { tenant: { type: "string" }, kind: { type: "string" } });
  const name = positionals.join(" ").trim();
  if (!name) throw new UsageError(`Name the source, e.g. atrium source create "Website".\n${USAGE}`);
  if (name.length > 80) throw new UsageError(`The name is ${name.length} characters long; at most 80.`);
  const kind = values.kind ?? "http";
  if (kind !== "http" && kind !== "import") throw new UsageError(`--kind must be http or import (not ${kind}).`);
  return withDeps(config, async (deps) => {
    const tenant = await tenantOf(deps, values.tenant);
    let created: Awaited<ReturnType<typeof createSource>>;
    try {
      created = await createSource(deps.db, { actor: null, now: deps.clock.now(), requestId: "cli" }, tenant.id, { name, kind });
    } catch (err) {
      if (err instanceof AppError && err.code === "already_exists") throw new UsageError(`${tenant.slug} already has a source named "${name}" (names are unique per bank, whatever their case). See them with: atrium source list --tenant ${tenant.slug}`);
      throw err;
    }
    const { source, writeKey } = created;
    console.log(`Created the ${source.kind} source "${source.name}" in ${tenant.slug}.`);
    console.log(`id:        ${source.id}`);
    if (!writeKey) {
      console.log("It takes bulk files (atrium import), so it has no write key.");
      return 0;
    }
    console.log(`write key: ${writeKey}`);
    console.log("The key is shown only now (Atrium keeps its SHA-256); if it is lost, rotate it in the back office.");
    console.log(`Send an event: curl -u '${writeKey}:' -H 'content-type: application/json' -d '{"event":"application.started","userId":"customer-1","properties":{"journeyId":"j-1"}}' ${config.publicUrl}/v1/track`);
    return 0;
  });
}

async function sourceList(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { tenant: { type: "string" } });
  if (positionals.length) throw new UsageError(`Unexpected: ${positionals.join(" ")}\n${USAGE}`);
  return withDeps(config, async (deps) => {
    const tenant = await tenantOf(deps, values.tenant);
    const sources = await listSources(deps.db, tenant.id);
    if (!sources.length) {
      console.log(`${tenant.slug} has no event sources yet. Make one with:\n  atrium source create "Website" --tenant ${tenant.slug}`);
      return 0;
    }
    const rows = sources.map((s) => [s.name, s.kind, s.key_hint ? `…${s.key_hint}` : "—", s.disabled_at ? "disabled" : "enabled", s.created_at.toISOString().slice(0, 10), s.id]);
    const head = ["name", "kind", "key", "status", "created", "id"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] as number)).join("  ").trimEnd();
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    return 0;
  });
}
