/**
 * Respondent file uploads: the content decides the type (magic bytes), the declared Content-Type
 * must agree, the size must fit the question; stored encrypted (AES-256-GCM) in survey_files.
 */
import { createHash } from "node:crypto";
import type { Trx } from "../../db";
import { encryptBytes } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { describeBytes, sniffType } from "../../kernel/file-types";
import { newId } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import type { FileQuestion } from "./definition/types";
import { indexDefinition, splitKey, walk } from "./logic";
import { responseByToken } from "./respond";
import { versionDefinition } from "./respond-state";

export type FileType = FileQuestion["accept"][number];
export const FILE_TYPES: FileType[] = ["image/jpeg", "image/png", "application/pdf"];

export interface UploadInput {
  responseId: string;
  token: string;
  questionKey: string;
  /** The request's Content-Type header. */
  contentType: string | undefined;
  data: Buffer;
}

export async function storeUpload(trx: Trx, deps: Deps, input: UploadInput): Promise<{ fileId: string; size: number; contentType: FileType }> {
  const r = await responseByToken(trx, input.responseId, input.token);
  if (r.spent || (r.status !== "in_progress" && r.status !== "partial")) throw new AppError("conflict", "This response is finished and can no longer change");
  const def = await versionDefinition(trx, r.tenant_id, r.survey_id, r.version);
  const q = indexDefinition(def).questions.get(splitKey(input.questionKey).id);
  const bad = (message: string, code: string) => new AppError("validation_failed", message, { issues: [{ path: "query.question", message, code }] });
  if (q?.type !== "file") throw bad("is not a file question of this survey", "not_a_file_question");
  const w = walk(def, { answers: r.answers as Record<string, unknown>, hidden: r.hidden, submitted: r.submitted, seed: r.id });
  if (!w.visibleKeys.has(input.questionKey)) throw bad("is not on the current page or a page already answered", "not_on_page");
  if (input.data.length === 0) throw new AppError("validation_failed", "The file is empty", { issues: [{ path: "body", message: "is empty", code: "empty" }] });
  if (input.data.length > q.maxBytes) {
    throw new AppError("payload_too_large", `The file is ${input.data.length} bytes; this question accepts at most ${q.maxBytes}`, { issues: [{ path: "body", message: `is larger than ${q.maxBytes} bytes`, code: "too_big", params: { maximum: q.maxBytes } }] });
  }
  const declared = (input.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!FILE_TYPES.includes(declared as FileType)) {
    throw new AppError("unsupported_media_type", `Send the file as image/jpeg, image/png or application/pdf (got ${declared || "no content type"})`);
  }
  const actual = sniffType(input.data);
  if (actual !== declared) {
    throw new AppError("unsupported_media_type", `The content is ${actual ?? describeBytes(input.data)}, not ${declared}: the file was refused`);
  }
  if (!q.accept.includes(actual)) throw new AppError("unsupported_media_type", `This question accepts ${q.accept.join(", ")}, not ${actual}`);

  const now = deps.clock.now();
  const fileId = newId();
  await trx.deleteFrom("survey_files").where("tenant_id", "=", r.tenant_id).where("response_id", "=", r.id).where("question_key", "=", input.questionKey).execute();
  await trx
    .insertInto("survey_files")
    .values({
      tenant_id: r.tenant_id,
      id: fileId,
      survey_id: r.survey_id,
      response_id: r.id,
      question_key: input.questionKey,
      content_type: actual,
      size: input.data.length,
      sha256: createHash("sha256").update(input.data).digest("hex"),
      filename: null,
      data: encryptBytes(deps.config.secretKey, input.data),
      created_at: now,
    })
    .execute();
  const answers = { ...(r.answers as Record<string, unknown>), [input.questionKey]: { fileId } };
  await trx.updateTable("survey_responses").set({ answers: JSON.stringify(answers), updated_at: now }).where("tenant_id", "=", r.tenant_id).where("id", "=", r.id).execute();
  return { fileId, size: input.data.length, contentType: actual };
}
