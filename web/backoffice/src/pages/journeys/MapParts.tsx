import { useTranslation } from "react-i18next";
import type { JourneyMap, JourneyMapStage, JourneyMapStep, JourneyMapTouchpoint, JourneyNodeStats } from "../../api/types-journeys";
import { formatNumber } from "../../ui/format";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { ChannelLabel, Code, formatHours, formatScore, formatShare, milestoneName } from "./shared";

/** The feedback tied to a node, each score in numbers with its scale and count. */
function Scores({ node }: { node: JourneyNodeStats }) {
  const { t } = useTranslation();
  const { nps, csat, ces } = node;
  if (!nps.n && !csat.n && !ces.n) return <p className="muted jr-node__scores">{t("journeys.map.noScores")}</p>;
  return (
    <ul className="jr-node__scores">
      {nps.n && nps.score !== null ? (
        <li>
          <abbr title={t("journeys.map.npsLong")}>{t("journeys.map.nps")}</abbr> <span className="strong">{formatScore(nps.score)}</span>{" "}
          <span className="muted">
            {nps.interval95
              ? t("journeys.map.npsDetail", { n: formatNumber(nps.n), low: formatScore(nps.interval95[0]), high: formatScore(nps.interval95[1]) })
              : t("journeys.map.n", { n: formatNumber(nps.n) })}
          </span>
        </li>
      ) : null}
      {csat.n && csat.score !== null ? (
        <li>
          <abbr title={t("journeys.map.csatLong")}>{t("journeys.map.csat")}</abbr> <span className="strong">{formatShare(csat.score / 100)}</span>{" "}
          <span className="muted">{t("journeys.map.csatDetail", { n: formatNumber(csat.n) })}</span>
        </li>
      ) : null}
      {ces.n && ces.mean !== null ? (
        <li>
          <abbr title={t("journeys.map.cesLong")}>{t("journeys.map.ces")}</abbr> <span className="strong">{formatScore(ces.mean)}</span>{" "}
          <span className="muted">{t("journeys.map.cesDetail", { n: formatNumber(ces.n) })}</span>
        </li>
      ) : null}
    </ul>
  );
}

interface CardProps {
  node: JourneyNodeStats;
  title: string;
  /** The first stage's volume: the volume bar is drawn against it. */
  base: number;
  channel?: string | null;
  level: 3 | 4;
}

/**
 * Volume, drop-off and median time of one stage or touchpoint. The bars repeat the numbers beside
 * them (blue volume, striped orange drop-off: the Okabe–Ito pair, told apart without colour too).
 */
export function NodeCard({ node, title, base, channel, level }: CardProps) {
  const { t } = useTranslation();
  const H = level === 3 ? "h3" : "h4";
  const volume = base > 0 ? Math.min(1, node.volume / base) : 0;
  const drop = Math.min(1, node.dropOff.share ?? 0);
  return (
    <article className={`jr-node jr-node--${channel === undefined ? "stage" : "touch"}`}>
      <H className="jr-node__title">{title}</H>
      {channel !== undefined ? (
        <p className="jr-node__channel">{channel ? <ChannelLabel channel={channel} /> : <span className="muted">{t("journeys.map.channelFromEvent")}</span>}</p>
      ) : null}
      <dl className="jr-node__facts">
        <div>
          <dt>{t("journeys.map.reached")}</dt>
          <dd>{formatNumber(node.volume)}</dd>
        </div>
        <div>
          <dt>{t("journeys.map.dropped")}</dt>
          <dd>
            {formatNumber(node.dropOff.count)} <span className="muted">({formatShare(node.dropOff.share)})</span>
          </dd>
        </div>
        <div>
          <dt>{t("journeys.map.medianTime")}</dt>
          <dd>{formatHours(node.medianHours)}</dd>
        </div>
      </dl>
      <div className="jr-bars" aria-hidden="true">
        <span className="jr-bar jr-bar--volume" style={{ inlineSize: `${Math.round(volume * 100)}%` }} />
        <span className="jr-bar jr-bar--drop" style={{ inlineSize: `${Math.round(drop * 100)}%` }} />
      </div>
      <Scores node={node} />
    </article>
  );
}

/**
 * Each touchpoint under the stage it usually follows: the last stage whose median time from the
 * start is not after the touchpoint's. Touchpoints with no time (or before every stage) go under
 * the first stage; with no stages they are listed on their own.
 */
export function placeTouchpoints(stages: JourneyMapStage[], touchpoints: JourneyMapTouchpoint[]): Map<string, JourneyMapTouchpoint[]> {
  const out = new Map<string, JourneyMapTouchpoint[]>(stages.map((s) => [s.node, []]));
  const timed = stages.filter((s) => s.medianHours !== null);
  for (const tp of touchpoints) {
    let home = stages[0];
    if (tp.medianHours !== null) for (const s of timed) if ((s.medianHours ?? 0) <= tp.medianHours) home = s;
    if (home) out.get(home.node)?.push(tp);
  }
  return out;
}

/** Stages in reading order (right to left in Hebrew and Arabic), touchpoints under their stage. */
export function MapStages({ map }: { map: JourneyMap }) {
  const { t } = useTranslation();
  const base = map.stages[0]?.volume ?? 0;
  // Rules no journey matched in the range would bury the ones that did: they are counted instead.
  const seen = map.touchpoints.filter((n) => n.volume > 0 || n.nps.n > 0 || n.csat.n > 0 || n.ces.n > 0);
  const unseen = map.touchpoints.length - seen.length;
  const placed = placeTouchpoints(map.stages, seen);
  return (
    <section aria-labelledby="jm-stages" className="section">
      <h2 id="jm-stages">{t("journeys.map.stages")}</h2>
      {map.stages.length ? (
        <ol className="jr-stages">
          {map.stages.map((s) => {
            const title = milestoneName(t, s.milestone);
            const touches = placed.get(s.node) ?? [];
            return (
              <li key={s.node} className="jr-stage">
                <NodeCard node={s} title={title} base={base} level={3} />
                {touches.length ? (
                  <ul className="jr-touches" aria-label={t("journeys.map.touchpointsOf", { stage: title })}>
                    {touches.map((n) => (
                      <li key={n.node}>
                        <NodeCard node={n} title={n.label} base={base} channel={n.channel} level={4} />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted">{t("journeys.map.noStages")}</p>
      )}
      {unseen > 0 ? <p className="muted">{t("journeys.map.unseen", { count: unseen })}</p> : null}
    </section>
  );
}

/** Per-step completion, with the fields most often last touched before leaving. */
export function StepTable({ steps }: { steps: JourneyMapStep[] }) {
  const { t } = useTranslation();
  if (!steps.length) return <p className="muted">{t("journeys.map.noSteps")}</p>;
  return (
    <TableWrap label={t("journeys.map.steps")} className="table-wrap--stack">
      <table className="jr-table">
        <thead>
          <tr>
            <th scope="col">{t("journeys.map.step")}</th>
            <th scope="col">{t("journeys.map.reached")}</th>
            <th scope="col">{t("journeys.map.completion")}</th>
            <th scope="col">{t("journeys.map.dropped")}</th>
            <th scope="col">{t("journeys.map.topFields")}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => {
            const c = s.completionFromPrevious;
            return (
              <tr key={s.node}>
                <td className="cell--head">
                  <Code>{s.step}</Code>
                </td>
                <LabelledCell label={t("journeys.map.reached")}>{formatNumber(s.reached)}</LabelledCell>
                <LabelledCell label={t("journeys.map.completion")}>
                  {c && c.value !== null ? (
                    <>
                      {formatShare(c.value)}{" "}
                      {c.low !== null && c.high !== null ? (
                        <span className="muted">{t("journeys.map.interval", { low: formatShare(c.low), high: formatShare(c.high) })}</span>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </LabelledCell>
                <LabelledCell label={t("journeys.map.dropped")}>{formatNumber(s.dropped)}</LabelledCell>
                <LabelledCell label={t("journeys.map.topFields")}>
                  {s.dropOffFields.length ? (
                    <ol className="jr-fields">
                      {s.dropOffFields.slice(0, 3).map((f) => (
                        <li key={f.node}>
                          <Code>{f.field}</Code> <span className="muted">({formatNumber(f.dropped)})</span>
                        </li>
                      ))}
                    </ol>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </LabelledCell>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
