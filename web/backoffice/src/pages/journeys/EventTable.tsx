import { useTranslation } from "react-i18next";
import type { JourneyEvent } from "../../api/types-journeys";
import { formatDateTime } from "../../ui/format";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { ChannelLabel, Code } from "./shared";

/**
 * The properties as indented JSON text. React puts it in as text, so markup sent by a source is
 * shown, never run.
 */
function Properties({ value }: { value: Record<string, unknown> }) {
  const { t } = useTranslation();
  const keys = Object.keys(value ?? {});
  if (!keys.length) return <span className="muted">{t("journeys.events.noProperties")}</span>;
  return (
    <details className="jr-props">
      <summary>{t("journeys.events.properties", { count: keys.length })}</summary>
      <pre dir="ltr">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

/** Every event in time order: when, what, through which channel, step, field, source, properties. */
export function EventTable({ events, label }: { events: JourneyEvent[]; label: string }) {
  const { t } = useTranslation();
  if (!events.length) return <p className="muted">{t("journeys.events.none")}</p>;
  return (
    <TableWrap label={label} className="table-wrap--stack">
      <table className="jr-table jr-events">
        <thead>
          <tr>
            <th scope="col">{t("journeys.events.time")}</th>
            <th scope="col">{t("journeys.events.event")}</th>
            <th scope="col">{t("journeys.events.channel")}</th>
            <th scope="col">{t("journeys.events.step")}</th>
            <th scope="col">{t("journeys.events.field")}</th>
            <th scope="col">{t("journeys.events.source")}</th>
            <th scope="col">{t("journeys.events.details")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={`${e.source.id}|${e.messageId}`}>
              <td className="cell--head">
                <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
              </td>
              <LabelledCell label={t("journeys.events.event")}>
                <Code>{e.event ?? t(`journeys.events.types.${e.type}`)}</Code>
              </LabelledCell>
              <LabelledCell label={t("journeys.events.channel")}>
                <ChannelLabel channel={e.channel} />
              </LabelledCell>
              <LabelledCell label={t("journeys.events.step")}>
                <Code>{e.step}</Code>
              </LabelledCell>
              <LabelledCell label={t("journeys.events.field")}>
                <Code>{e.field}</Code>
              </LabelledCell>
              <LabelledCell label={t("journeys.events.source")}>{e.source.name ?? <Code>{e.source.id}</Code>}</LabelledCell>
              <LabelledCell label={t("journeys.events.details")}>
                <Properties value={e.properties} />
              </LabelledCell>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
