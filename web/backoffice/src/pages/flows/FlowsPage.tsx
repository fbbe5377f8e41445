import { PageHead } from "../../ui/Page";

/** /flows — products and their flows (helper D2): placeholder until built. */
export function FlowsPage() {
  return <PageHead title="FlowsPage" />;
}
