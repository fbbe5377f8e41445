import { PageHead } from "../../ui/Page";

/** /flows/edit?product= — the flow editor (helper D2): placeholder until built. */
export function FlowEditorPage() {
  return <PageHead title="FlowEditorPage" />;
}
