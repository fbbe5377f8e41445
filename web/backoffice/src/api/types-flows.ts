/**
 * Products and their onboarding flows (the flow editor; see src/modules/onboarding/flows-routes.ts):
 * part of the /api/v1 contract types, re-exported from ./types. The definition types are the
 * shared ones (server, flow logic and customer pages), renamed where a survey type has the name.
 */

export type {
  ChecklistItem,
  CompareOp,
  Condition as FlowCondition,
  Field as FlowField,
  FieldType,
  FileType,
  FlowDefinition,
  FlowLocale,
  Option as FlowOption,
  PaymentSpec,
  PrefillKey,
  ProductId,
  Step as FlowStep,
  StepKind,
  Text as FlowText,
  UnaryOp,
} from "../../../../src/modules/onboarding/flow/types";
import type { FlowDefinition, ProductId, Text } from "../../../../src/modules/onboarding/flow/types";

/** A problem found in a draft (or in a 422 flow_invalid on publish); `path` points into the definition. */
export interface FlowProblem {
  path: string;
  message: string;
  code: string;
  severity: "error" | "warning";
}

export interface ProductSummary {
  id: ProductId;
  title: Text;
  description: Text | null;
  active: boolean;
  publishedVersion: number | null;
  draftChanged: boolean;
  minutes: number;
  versions: { version: number; publishedAt: string }[];
}

export interface Flow {
  product: ProductId;
  name: string;
  active: boolean;
  draft: FlowDefinition;
  draftChanged: boolean;
  publishedVersion: number | null;
  problems: FlowProblem[];
  updatedAt: string;
}

export interface FlowVersionDetail {
  product: ProductId;
  version: number;
  definition: FlowDefinition;
  publishedAt: string;
}

export interface FlowPublished {
  product: ProductId;
  version: number;
  publishedAt: string;
}
