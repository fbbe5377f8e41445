/** Types for web/build.mjs, so TypeScript callers (the e2e setup) can import it. */
export declare const STAMP: string;
export declare const ENTRIES: string[];
export declare function inputHash(): string;
export declare function isStale(hash?: string): boolean;
export declare function buildWeb(options?: { ifStale?: boolean; log?: (line: string) => void }): Promise<boolean>;
