#!/usr/bin/env node
// Entry for `node bench/run.mjs`: runs the TypeScript benchmark through tsx.
import { register } from "tsx/esm/api";

register();
await import("./run.ts");
