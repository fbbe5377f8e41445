import { buildWeb } from "../../web/build.mjs";

/** The browser tests need web/dist: build it when its sources changed since the last build. */
export default async function setup() {
  await buildWeb({ ifStale: true, log: (line) => console.log(line) });
}
