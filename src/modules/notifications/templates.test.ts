import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CATALOGS,
  escapeHtml,
  MESSAGE_LOCALES,
  placeholdersOf,
  renderTemplate,
  resolveLocale,
  TEMPLATE_NAMES,
  TEMPLATE_VARS,
  type TemplateName,
} from "./templates";

const sampleVars: Record<string, string> = {
  name: "Dana",
  inviter: "Noa Levi",
  bank: "First Bank",
  link: "https://atrium.example/app/reset?token=abc123",
  minutes: "15",
  days: "7",
  survey: "Branch visit",
  question: "",
  unsubscribe: "https://atrium.example/u/abc.def",
  product: "Checking account",
  code: "482913",
  step: "Your address",
  document: "Proof of address",
  reason: "The picture is blurred.",
  items: "Your latest payslip",
  reference: "CHK-7Q4M2X",
};
const varsFor = (name: TemplateName) => Object.fromEntries(TEMPLATE_VARS[name].map((k) => [k, sampleVars[k] as string]));
const textOf = (t: { subject: string; body: Array<string | { action: string } | { answers: string }> }) =>
  [t.subject, ...t.body.map((p) => (typeof p === "string" ? p : "action" in p ? p.action : ""))].join("\n");

describe("message templates", () => {
  it("exist in every locale with exactly the declared {{vars}}", () => {
    expect(TEMPLATE_NAMES).toHaveLength(38);
    for (const locale of MESSAGE_LOCALES) {
      for (const name of TEMPLATE_NAMES) {
        const t = CATALOGS[locale][name];
        expect(t, `${locale} ${name}`).toBeDefined();
        expect([...placeholdersOf(t)].sort(), `${locale} ${name}`).toEqual([...TEMPLATE_VARS[name]].sort());
      }
    }
  });

  it("are translated, not English copies", () => {
    for (const locale of MESSAGE_LOCALES.filter((l) => l !== "en")) {
      for (const name of TEMPLATE_NAMES) {
        const t = CATALOGS[locale][name];
        const en = CATALOGS.en[name];
        expect(t.subject, `${locale} ${name}`).not.toBe(en.subject);
        // No sentence of the English body survives in a translation.
        for (const part of t.body) if (typeof part === "string") expect(textOf(en)).not.toContain(part);
      }
    }
    const script: Record<string, RegExp> = { he: /[\u0590-\u05FF]/, ar: /[\u0600-\u06FF]/, "zh-Hans": /[\u4E00-\u9FFF]/, "zh-Hant": /[\u4E00-\u9FFF]/ };
    for (const [locale, re] of Object.entries(script)) {
      for (const name of TEMPLATE_NAMES) expect(textOf(CATALOGS[locale as "he"][name]), `${locale} ${name}`).toMatch(re);
    }
    // Simplified and Traditional differ in characters, not only in spacing.
    expect(CATALOGS["zh-Hans"]["auth.password_reset"].subject).toContain("密码");
    expect(CATALOGS["zh-Hant"]["auth.password_reset"].subject).toContain("密碼");
  });

  it("render every template in every locale with no placeholder left", () => {
    for (const locale of MESSAGE_LOCALES) {
      for (const name of TEMPLATE_NAMES) {
        const r = renderTemplate(name, locale, varsFor(name));
        expect(r.locale).toBe(locale);
        for (const out of [r.subject, r.text, r.html]) expect(out).not.toMatch(/\{\{|\}\}/);
        expect(r.text).toContain((TEMPLATE_VARS[name] as readonly string[]).includes("name") ? "Dana" : "First Bank");
        expect(r.html).toContain(`lang="${locale}"`);
      }
    }
  });

  it("write the password reset in the recipient's language, with the link and a localized duration", () => {
    const vars = varsFor("auth.password_reset");
    const en = renderTemplate("auth.password_reset", "en", vars);
    expect(en.subject).toBe("Reset your Atrium password");
    expect(en.text).toContain("The link expires in 15 minutes and works only once.");
    expect(en.text).toContain(`Choose a new password:\n${vars.link}`);
    expect(en.html).toContain(`<a href="${escapeHtml(vars.link as string)}"`);
    expect(renderTemplate("auth.password_reset", "he", vars).text).toContain("הקישור יפוג בעוד 15 דקות");
    expect(renderTemplate("auth.password_reset", "ar", vars).text).toContain("بعد 15 دقيقة");
    expect(renderTemplate("auth.password_reset", "zh-Hans", vars).text).toContain("该链接将在15分钟后失效");
    expect(renderTemplate("auth.password_reset", "zh-Hant", vars).text).toContain("此連結將在 15 分鐘後失效");
    // Plural forms come from Intl: the Arabic dual and Hebrew "two days".
    expect(renderTemplate("auth.invitation", "ar", { ...varsFor("auth.invitation"), days: "2" }).text).toContain("يومان");
    expect(renderTemplate("auth.invitation", "he", { ...varsFor("auth.invitation"), days: "2" }).text).toContain("יומיים");
  });

  it("mark Hebrew and Arabic HTML right-to-left, the others left-to-right", () => {
    const html = (l: string) => renderTemplate("platform.test", l, { name: "Dana" }).html;
    expect(html("he")).toContain('<html lang="he" dir="rtl">');
    expect(html("ar")).toContain('<html lang="ar" dir="rtl">');
    expect(html("en")).toContain('<html lang="en" dir="ltr">');
    expect(html("zh-Hant")).toContain('<html lang="zh-Hant" dir="ltr">');
  });

  it("escape every variable in the HTML part (text part keeps it verbatim)", () => {
    const evil = `<script>alert("x")</script> & 'co'`;
    const r = renderTemplate("auth.invitation", "en", { ...varsFor("auth.invitation"), name: evil, bank: "<b>Bank</b>" });
    expect(r.html).not.toContain("<script>");
    expect(r.html).not.toContain("<b>Bank");
    expect(r.html).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;co&#39;");
    expect(r.text).toContain(evil);
    // A quote in a link cannot break out of the href attribute.
    const link = renderTemplate("auth.password_reset", "en", { ...varsFor("auth.password_reset"), link: 'https://x.test/a"onmouseover="alert(1)' });
    expect(link.html).toContain('href="https://x.test/a&#34;onmouseover=&#34;alert(1)"');
    expect(link.html).not.toContain('"onmouseover="');
  });

  it("never lets a variable add markup (property)", () => {
    const baseline = renderTemplate("auth.totp_enabled", "ar", { name: "x" }).html;
    const count = (s: string, ch: string) => s.split(ch).length - 1;
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        const html = renderTemplate("auth.totp_enabled", "ar", { name }).html;
        return ["<", ">", '"', "'"].every((ch) => count(html, ch) === count(baseline, ch));
      }),
    );
  });

  it("refuse missing variables, non-http links and non-numeric durations", () => {
    expect(() => renderTemplate("auth.password_reset", "en", { name: "a", link: "https://x.test" })).toThrow(/minutes/);
    expect(() => renderTemplate("auth.password_reset", "en", { ...varsFor("auth.password_reset"), link: "javascript:alert(1)" })).toThrow(/http/);
    expect(() => renderTemplate("auth.account_locked", "en", { name: "a", minutes: "ten" })).toThrow(/whole number/);
  });

  it("resolve locales with fallbacks", () => {
    const cases: Array<[string | null, string]> = [
      ["en", "en"],
      ["en-GB", "en"],
      ["he", "he"],
      ["he-IL", "he"],
      ["iw", "he"],
      ["ar-EG", "ar"],
      ["zh", "zh-Hans"],
      ["zh-CN", "zh-Hans"],
      ["zh-SG", "zh-Hans"],
      ["zh-Hans", "zh-Hans"],
      ["zh-TW", "zh-Hant"],
      ["zh-HK", "zh-Hant"],
      ["zh-Hant", "zh-Hant"],
      ["zh_TW", "zh-Hant"],
      ["fr", "en"],
      ["not a locale!", "en"],
      ["", "en"],
      [null, "en"],
    ];
    for (const [tag, expected] of cases) expect(resolveLocale(tag), String(tag)).toBe(expected);
    expect(renderTemplate("platform.test", "zh-TW", { name: "A" }).subject).toBe("Atrium 測試訊息");
  });
});
