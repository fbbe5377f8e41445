/** Risk assessment as an application hook (after screening) and the enhanced-due-diligence flow extension. */
export {};
