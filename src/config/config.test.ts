import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index";

describe("configuration", () => {
  it("parses defaults into a frozen object", () => {
    const c = loadConfig({ NODE_ENV: "test" });
    expect(c.port).toBe(8080);
    expect(c.store.kind).toBe("pglite");
    expect(c.https).toBe(false);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.session)).toBe(true);
  });

  it("reports every problem at once, by variable", () => {
    try {
      loadConfig({ NODE_ENV: "production", PORT: "x", SMS_PROVIDER: "http", SMTP_URL: "http://mail" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join("\n");
      for (const v of ["PORT", "SMTP_URL", "ATRIUM_SECRET", "SMS_HTTP_URL"]) expect(problems).toContain(`${v}:`);
    }
  });

  it("uses PostgreSQL and https settings when given", () => {
    const c = loadConfig({ NODE_ENV: "test", DATABASE_URL: "postgres://u@h/db", PUBLIC_URL: "https://cx.bank.example/" });
    expect(c.store).toEqual({ kind: "pg", url: "postgres://u@h/db" });
    expect(c.https).toBe(true);
    expect(c.publicUrl).toBe("https://cx.bank.example");
  });
});
