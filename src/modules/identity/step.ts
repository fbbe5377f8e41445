/** The identity step kind (registerStepKind): the customer photographs the document's data page; its MRZ is read, validated and cross-checked. */
export {};
