/**
 * Modules that plug into onboarding (step kinds, application hooks, flow extensions) register
 * themselves when imported. boot() imports this file, so the server, the worker, the CLI and the
 * tests all see the same kinds and hooks.
 */
import "./identity/step";
import "./compliance/hooks";
import "./risk/hooks";
import "./signing/step";
