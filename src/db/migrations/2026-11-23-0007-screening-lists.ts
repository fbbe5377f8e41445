import type { Migration } from "../migrate";

/**
 * Sanctions and PEP lists. Lists are platform-wide reference data (not per bank): the operator
 * imports them from files or configured URLs. Every import is a new version; entries of a version
 * are never changed, and a version becomes active only once it is complete.
 */
export const screeningLists: Migration = {
  name: "2026-11-23-0007-screening-lists",
  up: [
    `create table screening_lists (
      id text primary key,
      name text not null,
      kind text not null check (kind in ('sanctions', 'pep')),
      format text not null check (format in ('ofac-csv', 'ofac-xml', 'un-xml', 'eu-csv', 'eu-xml', 'pep-csv')),
      source_url text,
      active_version integer,
      created_at timestamptz not null default now()
    )`,
    `create table screening_list_versions (
      list_id text not null references screening_lists(id),
      version integer not null check (version > 0),
      status text not null check (status in ('importing', 'active', 'superseded', 'failed')),
      source text not null,
      sha256 text not null,
      entry_count integer not null default 0,
      name_count integer not null default 0,
      problem_count integer not null default 0,
      problems jsonb not null default '[]',
      error text,
      imported_by text,
      started_at timestamptz not null,
      finished_at timestamptz,
      primary key (list_id, version)
    )`,
    `create index screening_list_versions_status on screening_list_versions (list_id, status, version desc)`,
    `create table screening_entries (
      list_id text not null,
      version integer not null,
      entry_id text not null,
      kind text not null check (kind in ('individual', 'entity', 'vessel', 'aircraft', 'unknown')),
      name text not null,
      aliases jsonb not null default '[]',
      birth_dates jsonb not null default '[]',
      nationalities jsonb not null default '[]',
      programs jsonb not null default '[]',
      details jsonb not null default '{}',
      primary key (list_id, version, entry_id),
      foreign key (list_id, version) references screening_list_versions(list_id, version) on delete cascade
    )`,
  ],
};
