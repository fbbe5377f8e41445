import { PageHead } from "../../ui/Page";

/** /applications/view?id= — the case view (helper D1): placeholder until built. */
export function ApplicationPage() {
  return <PageHead title="ApplicationPage" />;
}
