import { flows } from "../../api/flows";
import type { ProductId } from "../../api/types";
import { VersionHistory } from "../../ui/VersionHistory";
import { PhonePreview } from "./Preview";

/** Published versions of a product's flow, newest first; each opens read-only in the phone preview. */
export function Versions({ product, publishedVersion }: { product: ProductId; publishedVersion: number | null }) {
  return (
    <VersionHistory
      ns="flows"
      deps={[product, publishedVersion]}
      publishedVersion={publishedVersion}
      list={() => flows.products().then((items) => items.find((p) => p.id === product)?.versions ?? [])}
      load={(v) => flows.version(product, v)}
      render={(open) => <PhonePreview key={open.version} def={open.definition} />}
    />
  );
}
