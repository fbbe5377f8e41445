import { surveys } from "../../api/surveys";
import { VersionHistory } from "../../ui/VersionHistory";
import { PhonePreview } from "./Preview";

/** Published versions of a survey, newest first; each opens read-only as the respondent saw it. */
export function VersionsPanel({ surveyId, publishedVersion }: { surveyId: string; publishedVersion: number | null }) {
  return (
    <VersionHistory
      ns="surveys"
      deps={[surveyId, publishedVersion]}
      publishedVersion={publishedVersion}
      list={() => surveys.versions(surveyId)}
      load={(v) => surveys.version(surveyId, v)}
      render={(open) => <PhonePreview key={open.version} def={open.definition} />}
    />
  );
}
