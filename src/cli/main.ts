import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config";
import { StoreLockedError } from "../db";
import { AppError } from "../kernel/errors";
import { adminCommands } from "./admin";
import { serveCommand, startCommand, workerCommand } from "./serve";

const HELP = `atrium <command> [options]

  start                     build the web pages if needed, migrate, seed the demo bank on an
                            empty store, then serve (API, /app, /c) with the job worker
  serve [--no-worker]       serve HTTP (and run the job worker unless --no-worker)
  worker                    run only the job worker
  migrate                   apply pending database migrations
  seed                      seed the demo bank (only on an empty store; never in production)
  seed --demo [--journeys N] [--seed S] [--until YYYY-MM-DD] [--tenant s]
                            write N demo journeys (default ATRIUM_DEMO_JOURNEYS or 50000) with
                            their calls, requests and surveys, the same for the same N, S, until
  audit verify [--tenant s] verify every tenant's audit hash chain (or one); exit 1 if broken
  user create --email e --name n --role r [--tenant s] [--scope tenant|region|branch|own]
              [--region CODE] [--branch CODE] [--password p]
  apikey create --role r [--tenant s] [--name n] [--expires-days N]
  lists import --format ofac-csv|ofac-xml|un-xml|eu-csv|eu-xml|pep-csv <path…> [--list id]
                            import a sanctions or PEP list file as a new version
  lists status              the lists, their active versions and last imports
  source create <name> [--tenant s] [--kind http|import]
                            create an event source and print its write key (shown once)
  source list [--tenant s]  the bank's event sources (key hints only)
  journeys fold [--tenant s] fold pending journey events into journeys and KPI rollups now
  journeys rebuild [--tenant s]
                            recompute a bank's journeys and KPI rollups from all its events
  import <events|contacts|requests> <file> [--source name] [--tenant s]
                            import an NDJSON event file or a contact-centre / service-request CSV
                            (gzip too), with progress; exit 1 if a row failed
  kpis --from YYYY-MM-DD --to YYYY-MM-DD [--by channel|product|…|month] [--product x …]
       [--tenant s] [--json]  the KPI table (one row per group and a total); --json: the API's answer
  openapi                   print the OpenAPI document

Configuration comes from the environment (see README.md).`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case "start":
      return startCommand(config);
    case "serve": {
      const { values } = parseArgs({ args: rest, options: { "no-worker": { type: "boolean", default: false } } });
      return serveCommand(config, { worker: !values["no-worker"] });
    }
    case "worker":
      return workerCommand(config);
    default:
      return adminCommands(config, command, rest, HELP);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === "number" && code !== 0) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError) {
      console.error(err.message);
    } else if (err instanceof StoreLockedError) {
      console.error(err.message);
    } else if (err instanceof AppError) {
      const fields = err.issues?.map((i) => `\n  - ${i.path.replace(/^body\./, "--")}: ${i.message}`).join("") ?? "";
      console.error(`${err.message}${fields}`);
    } else if (err instanceof Error && err.name === "UsageError") {
      console.error(err.message);
    } else {
      console.error(err);
    }
    process.exit(1);
  },
);
