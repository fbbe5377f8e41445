import { del, get, post, request } from "./client";
import type { PageQuery } from "./endpoints";
import type { Page, Survey, SurveyDefinition, SurveyInput, SurveyStatus, SurveySummary, SurveyTemplate, SurveyVersion, SurveyVersionDetail } from "./types";

const enc = encodeURIComponent;

const items = <T>(list: { items: T[] }): T[] => list.items;

export const surveys = {
  list: (q: PageQuery & { q?: string; status?: SurveyStatus }) => get<Page<SurveySummary>>("/surveys", { ...q }),
  get: (id: string) => get<Survey>(`/surveys/${enc(id)}`),
  create: (body: SurveyInput) => post<Survey>("/surveys", body),
  saveDraft: (id: string, definition: SurveyDefinition, name?: string, signal?: AbortSignal) =>
    request<Survey>("PUT", `/surveys/${enc(id)}/draft`, { body: name === undefined ? { definition } : { definition, name }, signal }),
  publish: (id: string) => post<Survey>(`/surveys/${enc(id)}/publish`),
  close: (id: string) => post<Survey>(`/surveys/${enc(id)}/close`),
  reopen: (id: string) => post<Survey>(`/surveys/${enc(id)}/reopen`),
  remove: (id: string) => del(`/surveys/${enc(id)}`),
  versions: (id: string) => get<{ items: SurveyVersion[] }>(`/surveys/${enc(id)}/versions`).then(items),
  version: (id: string, version: number) => get<SurveyVersionDetail>(`/surveys/${enc(id)}/versions/${version}`),
  templates: () => get<{ items: SurveyTemplate[] }>("/survey-templates").then(items),
};
