import { ApiError, get } from "./client";
import type { Page, Problem, SessionInfo } from "./types";
import type { EventImport, EventImportSummary, ImportKind } from "./types-imports";

const enc = encodeURIComponent;

/** Sends the file with XMLHttpRequest, the one browser API that reports upload progress. */
function uploadFile(url: string, file: File, csrf: string, onProgress: (sent: number, total: number) => void): Promise<{ import: EventImport }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("accept", "application/json, application/problem+json");
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("x-file-name", enc(file.name));
    if (file.name.endsWith(".gz")) xhr.setRequestHeader("content-encoding", "gzip");
    xhr.setRequestHeader("x-csrf-token", csrf);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new ApiError("network_error", 0, "network error"));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new ApiError("unexpected_response", xhr.status, `HTTP ${xhr.status}`));
        return;
      }
      if (xhr.status === 202) resolve(body as { import: EventImport });
      else {
        const p = body as Partial<Problem>;
        reject(new ApiError((p.code ?? "unexpected_response") as ApiError["code"], xhr.status, p.detail ?? `HTTP ${xhr.status}`, p));
      }
    };
    xhr.send(file);
  });
}

/** Bulk imports of journey events (imports:write). */
export const imports = {
  list: (cursor: string | null) => get<Page<EventImportSummary>>("/imports", { limit: 20, cursor }),
  get: (id: string) => get<EventImport>(`/imports/${enc(id)}`),
  /** The full per-row report (a download: the session cookie goes with a plain link). */
  reportUrl: (id: string) => `/api/v1/imports/${enc(id)}/report.csv`,
  async upload(input: { kind: ImportKind; sourceId?: string; file: File }, onProgress: (sent: number, total: number) => void) {
    // The CSRF token the session answers with (writes with the session cookie need it).
    const session = await get<SessionInfo>("/auth/session");
    const q = new URLSearchParams({ kind: input.kind, ...(input.sourceId ? { source: input.sourceId } : {}) });
    return uploadFile(`/api/v1/imports?${q}`, input.file, session.csrfToken, onProgress);
  },
};
