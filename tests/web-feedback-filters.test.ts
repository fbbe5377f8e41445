import { describe, expect, it } from "vitest";
import { filterQuery } from "../web/backoffice/src/api/feedback";
import type { ResponseFilters } from "../web/backoffice/src/api/types";
import { countFilters, readFilters } from "../web/backoffice/src/pages/feedback/filters";

/** The results page keeps its filters in the URL under the API's own names: both must agree. */
describe("back-office results filters", () => {
  it("round-trips every filter through the URL", () => {
    const f: ResponseFilters = {
      from: "2026-01-01",
      to: "2026-01-31",
      completion: "partial",
      language: "he",
      channel: "qr",
      version: 2,
      tag: "follow-up",
      hidden: { branch: "TLV" },
      answer: { q1: "10", q2: "c1" },
    };
    const q = filterQuery(f);
    expect(q).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      completion: "partial",
      language: "he",
      channel: "qr",
      version: "2",
      tag: "follow-up",
      "hidden.branch": "TLV",
      "answer.q1": "10",
      "answer.q2": "c1",
    });
    expect(readFilters(new URLSearchParams({ id: "s1", ...q }))).toEqual(f);
    expect(countFilters(f)).toBe(10);
  });

  it("drops what the API would refuse and leaves out the defaults", () => {
    const url = new URLSearchParams("id=s1&from=yesterday&to=2026-02-30x&completion=done&channel=fax&version=-1&tag=&hidden.branch=&answer.q1=7");
    expect(readFilters(url)).toEqual({ answer: { q1: "7" } });
    expect(filterQuery({ completion: "all" })).toEqual({});
    expect(countFilters({ completion: "all" })).toBe(0);
  });
});
