import type { FlowDefinition, ProductId } from "../types";
import { checking } from "./checking";

/**
 * The shipped flow of each product, published as version 1 for every bank on first use.
 * TODO(helper A): savings, credit_card, personal_loan, auto_loan, mortgage (checking stands in).
 */
export const FLOW_TEMPLATES: Record<ProductId, FlowDefinition> = {
  checking,
  savings: { ...checking, product: "savings" },
  credit_card: { ...checking, product: "credit_card" },
  personal_loan: { ...checking, product: "personal_loan" },
  auto_loan: { ...checking, product: "auto_loan" },
  mortgage: { ...checking, product: "mortgage" },
};
