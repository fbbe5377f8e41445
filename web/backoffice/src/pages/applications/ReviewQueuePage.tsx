import { PageHead } from "../../ui/Page";

/** /review — the review queue (helper D1): placeholder until built. */
export function ReviewQueuePage() {
  return <PageHead title="ReviewQueuePage" />;
}
