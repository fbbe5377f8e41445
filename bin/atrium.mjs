#!/usr/bin/env node
// The one `atrium` binary (also `npx atrium`, `npm run atrium --`). TypeScript runs through tsx.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
