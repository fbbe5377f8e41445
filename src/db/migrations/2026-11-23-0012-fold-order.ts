import type { Migration } from "../migrate";

/**
 * The fold folds by day (src/modules/journeys/fold/fold.ts):
 * - `kpi_dirty.day`: the UTC day of the earliest event that made the entity dirty (a journey's
 *   start day, as a rule). A batch claims dirty entities in (day, entity) order, so one batch's
 *   journeys share a few days and its rollup rows (margins above all: one row per day and
 *   dimension value) are shared by many journeys: measured 14 margin rows a journey written in
 *   entity order, under one in day order.
 * - `journey_events_response_journey`: the survey responses tied to a journey, so folding a
 *   journey whose dimensions changed marks its responses dirty (they score under the journey's
 *   dimensions). Partial: only survey events are in it.
 */
export const foldOrder: Migration = {
  name: "2026-11-23-0012-fold-order",
  up: [
    `alter table kpi_dirty add column day date not null default ((now() at time zone 'UTC')::date)`,
    `create index kpi_dirty_day on kpi_dirty (tenant_id, day, entity)`,
    `create or replace function kpi_mark_dirty() returns trigger language plpgsql as $$
    begin
      insert into kpi_dirty (tenant_id, entity, day)
        select n.tenant_id, n.entity, (min(n.occurred_at) at time zone 'UTC')::date
        from new_events n where n.entity is not null group by n.tenant_id, n.entity
        -- One order for every writer: two inserts marking the same entities wait, never deadlock.
        order by n.tenant_id, n.entity
        on conflict (tenant_id, entity) do update set day = excluded.day where excluded.day < kpi_dirty.day;
      return null;
    end $$`,
    `create index journey_events_response_journey on journey_events (tenant_id, journey_id)
      where journey_id is not null and entity like 'r:%'`,
  ],
};
