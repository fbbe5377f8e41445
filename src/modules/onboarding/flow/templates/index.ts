import type { FlowDefinition, ProductId } from "../types";
import { auto_loan } from "./auto_loan";
import { checking } from "./checking";
import { credit_card } from "./credit_card";
import { mortgage } from "./mortgage";
import { personal_loan } from "./personal_loan";
import { savings } from "./savings";

/** The shipped flow of each product, published as version 1 for every bank on first use. */
export const FLOW_TEMPLATES: Record<ProductId, FlowDefinition> = { checking, savings, credit_card, personal_loan, auto_loan, mortgage };
