import type { Migration } from "../migrate";

/**
 * Summary rollups, folded incrementally from survey_responses, at two granularities so each stays
 * small whatever the number of responses: `survey_rollups` per (language, channel, region, branch,
 * status bucket, question key, value key) for the whole period, and `survey_rollups_daily` per
 * (day, region, branch, status bucket, question key, value key). A summary with a date range reads
 * the daily table (data scope included), one without reads the other; a date range combined with
 * language or channel scans the responses instead.
 *
 * - `finalized_seq` is assigned by a trigger from a sequence whenever a response becomes final
 *   (completed, partial or screened_out) — on INSERT or on UPDATE of its status — so the write
 *   path needs no code. The trigger takes a SHARED advisory lock on the survey's fold lock; a fold
 *   holds it EXCLUSIVELY, so when a fold runs every finalized_seq handed out before is committed
 *   (a plain seq watermark would skip a row whose transaction commits after a later one).
 * - A final response that changes again (a partial one resumed and completed) after it was folded
 *   leaves its old contribution in `survey_rollup_retractions`, subtracted by the next fold.
 * - `survey_rollup_state.watermark`: every final response with finalized_seq ≤ watermark is counted.
 */
export const feedbackRollups: Migration = {
  name: "2026-11-23-0003-feedback-rollups",
  up: [
    `create sequence survey_responses_finalized_seq`,
    `alter table survey_responses add column finalized_seq bigint`,
    `create index survey_responses_finalized on survey_responses (tenant_id, survey_id, finalized_seq) where finalized_seq is not null`,
    `create index survey_responses_finalized_any on survey_responses (finalized_seq) where finalized_seq is not null`,
    `create index survey_responses_open on survey_responses (tenant_id, survey_id, started_at) where status = 'in_progress'`,
    `create table survey_rollups (
      tenant_id uuid not null,
      survey_id uuid not null,
      language text not null,
      channel text not null,
      region_id text not null default '',
      branch_id text not null default '',
      bucket text not null check (bucket in ('completed', 'partial', 'screened_out')),
      question_key text not null,
      value_key text not null,
      count bigint not null,
      primary key (tenant_id, survey_id, language, channel, region_id, branch_id, bucket, question_key, value_key),
      foreign key (tenant_id, survey_id) references surveys(tenant_id, id) on delete cascade
    )`,
    `create table survey_rollups_daily (
      tenant_id uuid not null,
      survey_id uuid not null,
      day date not null,
      region_id text not null default '',
      branch_id text not null default '',
      bucket text not null check (bucket in ('completed', 'partial', 'screened_out')),
      question_key text not null,
      value_key text not null,
      count bigint not null,
      primary key (tenant_id, survey_id, day, region_id, branch_id, bucket, question_key, value_key),
      foreign key (tenant_id, survey_id) references surveys(tenant_id, id) on delete cascade
    )`,
    `create table survey_rollup_state (
      tenant_id uuid not null,
      survey_id uuid not null,
      watermark bigint not null default 0,
      folded_at timestamptz,
      primary key (tenant_id, survey_id),
      foreign key (tenant_id, survey_id) references surveys(tenant_id, id) on delete cascade
    )`,
    `create table survey_rollup_retractions (
      id bigint generated always as identity primary key,
      tenant_id uuid not null,
      survey_id uuid not null,
      response jsonb not null
    )`,
    `create index survey_rollup_retractions_by_survey on survey_rollup_retractions (tenant_id, survey_id, id)`,
    `create function survey_responses_finalize() returns trigger language plpgsql as $$
    declare
      mark bigint;
    begin
      if tg_op = 'UPDATE' and old.finalized_seq is not null
         and (new.status is distinct from old.status or new.answers is distinct from old.answers
              or new.submitted is distinct from old.submitted or new.current_page is distinct from old.current_page
              or new.duration_ms is distinct from old.duration_ms or new.language is distinct from old.language
              or new.channel is distinct from old.channel or new.branch_id is distinct from old.branch_id
              or new.region_id is distinct from old.region_id or new.started_at is distinct from old.started_at) then
        perform pg_advisory_xact_lock_shared(4242003, hashtext(new.survey_id::text));
        select watermark into mark from survey_rollup_state where tenant_id = old.tenant_id and survey_id = old.survey_id;
        if mark is not null and old.finalized_seq <= mark then
          insert into survey_rollup_retractions (tenant_id, survey_id, response)
          values (old.tenant_id, old.survey_id, jsonb_build_object(
            'version', old.version, 'status', old.status, 'language', old.language, 'channel', old.channel,
            'region_id', old.region_id, 'branch_id', old.branch_id, 'started_at', old.started_at,
            'answers', old.answers, 'submitted', old.submitted, 'current_page', old.current_page,
            'duration_ms', old.duration_ms));
        end if;
        new.finalized_seq := null;
      end if;
      if new.status in ('completed', 'partial', 'screened_out') and new.finalized_seq is null then
        perform pg_advisory_xact_lock_shared(4242003, hashtext(new.survey_id::text));
        new.finalized_seq := nextval('survey_responses_finalized_seq');
      end if;
      return new;
    end
    $$`,
    `create trigger survey_responses_finalize before insert or update on survey_responses
      for each row execute function survey_responses_finalize()`,
  ],
};
