import { PageHead } from "../../ui/Page";

/** /applications — agents' applications list, new application, live progress (helper D1): placeholder until built. */
export function ApplicationsPage() {
  return <PageHead title="ApplicationsPage" />;
}
