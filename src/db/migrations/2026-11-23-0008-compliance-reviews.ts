import type { Migration } from "../migrate";

/**
 * Screening of the bank's customers: the parties screened (subjects), every screening result kept
 * as evidence, compliance reviews opened by hits, and false positives cleared per customer and list
 * entry (remembered so the same hit does not come back).
 */
export const complianceReviews: Migration = {
  name: "2026-11-23-0008-compliance-reviews",
  up: [
    `create table screening_subjects (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      subject_key text not null,
      application_id uuid,
      customer_ref text,
      name text not null,
      birth_date text,
      nationality text,
      status text not null default 'clear' check (status in ('clear', 'edd', 'review', 'blocked', 'true_match')),
      last_list_version text,
      last_screened_at timestamptz,
      relationship_ended_at timestamptz,
      created_at timestamptz not null,
      primary key (tenant_id, id),
      unique (tenant_id, subject_key)
    )`,
    `create table screening_results (
      tenant_id uuid not null,
      id uuid not null,
      subject_id uuid not null,
      application_id uuid,
      reason text not null check (reason in ('onboarding', 'rescreen', 'manual')),
      input_digest text not null,
      provider text not null,
      list_version text not null,
      actor text not null,
      screened_at timestamptz not null,
      top_score real not null,
      band text not null check (band in ('block', 'review', 'edd', 'clear')),
      matches jsonb not null default '[]',
      primary key (tenant_id, id),
      foreign key (tenant_id, subject_id) references screening_subjects(tenant_id, id) on delete cascade
    )`,
    `create table compliance_reviews (
      tenant_id uuid not null,
      id uuid not null,
      subject_id uuid not null,
      application_id uuid,
      result_id uuid not null,
      list_id text not null,
      entry_id text not null,
      entry_name text not null,
      score real not null,
      band text not null check (band in ('block', 'review', 'edd')),
      origin text not null check (origin in ('onboarding', 'rescreen', 'manual')),
      status text not null default 'open' check (status in ('open', 'clear_pending', 'true_match', 'false_positive')),
      assignee_id uuid,
      first_decision text,
      first_reason text,
      first_by uuid,
      first_at timestamptz,
      decision text,
      reason text,
      decided_by uuid,
      decided_at timestamptz,
      created_at timestamptz not null,
      primary key (tenant_id, id),
      foreign key (tenant_id, subject_id) references screening_subjects(tenant_id, id) on delete cascade
    )`,
    `create index compliance_reviews_open on compliance_reviews (tenant_id, status, created_at)`,
    `create table screening_cleared (
      tenant_id uuid not null,
      subject_key text not null,
      list_id text not null,
      entry_id text not null,
      review_id uuid not null,
      cleared_at timestamptz not null,
      cleared_by uuid not null,
      primary key (tenant_id, subject_key, list_id, entry_id)
    )`,
  ],
};
