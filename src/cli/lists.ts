/** `atrium lists import|status`: sanctions and PEP lists from the command line. */
import type { Config } from "../config";
import { UsageError } from "./admin";

export async function listsCommand(_config: Config, args: string[]): Promise<number> {
  throw new UsageError(`usage: atrium lists import --format <format> <path…> (got: ${args.join(" ")})`);
}
