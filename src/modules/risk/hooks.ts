/**
 * Risk assessment as an application hook (order 20: after screening, order 10, so the rules read
 * this step's screening result) on both moments, and the enhanced-due-diligence flow extension.
 */
import { registerApplicationHook, registerFlowExtension } from "../onboarding/steps";
import { assessRisk, riskChanged } from "./assess";
import { withEdd } from "./edd";

registerApplicationHook({
  name: "risk",
  order: 20,
  async run(trx, deps, app) {
    const after = await assessRisk(trx, deps, app);
    return riskChanged(app, after) ? after : undefined;
  },
});

registerFlowExtension("edd", withEdd);
