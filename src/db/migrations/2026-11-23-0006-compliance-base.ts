import type { Migration } from "../migrate";

/**
 * Compliance foundations shared by identity checks, screening and risk: per-bank compliance
 * settings (screening bands, retention), evidence columns on check results, the risk assessment
 * on applications, and versioned risk rule sets.
 */
export const complianceBase: Migration = {
  name: "2026-11-23-0006-compliance-base",
  up: [
    `create table compliance_settings (
      tenant_id uuid primary key references tenants(id),
      bands jsonb not null default '{"block":0.95,"review":0.85,"edd":0.70}',
      retention jsonb not null default '{}',
      updated_at timestamptz not null default now(),
      updated_by uuid
    )`,
    // Evidence for every check: what went in (digest), who ran it, with which provider and list version.
    `alter table application_checks
      add column provider text not null default 'local',
      add column input_digest text,
      add column list_version text,
      add column actor text not null default 'system'`,
    `alter table applications
      add column risk_score integer,
      add column risk_reasons jsonb not null default '[]',
      add column risk_rules_version integer,
      add column risk_assessed_at timestamptz,
      add column edd_required boolean not null default false`,
    `create table risk_rule_sets (
      tenant_id uuid not null references tenants(id),
      version integer not null check (version > 0),
      definition jsonb not null,
      note text,
      published_at timestamptz not null,
      published_by uuid,
      primary key (tenant_id, version)
    )`,
  ],
};
