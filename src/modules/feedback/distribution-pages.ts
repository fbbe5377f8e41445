import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { escapeHtml, type MessageLocale, resolveLocale } from "../notifications/templates";
import { readUnsubscribeToken, unsubscribeByToken } from "./contacts";
import { surveyFraming, WIDGET_JS, WIDGET_PATH } from "./embed";

/**
 * Distribution pieces outside /api: the embed widget script (`GET /embed/survey.js`, loadable
 * cross-origin), the framing rule of the survey pages (`/c/{slug}/s/*`), and the unsubscribe page
 * every invitation links to (`/u/{token}`: GET asks, POST — a plain same-origin form, no script —
 * unsubscribes; a GET alone never changes anything, so mail scanners cannot unsubscribe people).
 */
export function mountDistributionPages(app: OpenAPIHono<AppEnv>, deps: Deps) {
  app.use("/c/:slug/s/*", surveyFraming(deps.db));

  app.get(WIDGET_PATH, (c) =>
    c.body(WIDGET_JS, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=3600",
      "cross-origin-resource-policy": "cross-origin",
    }),
  );

  const page = async (token: string, act: boolean) => {
    const who = readUnsubscribeToken(deps.config.secretKey, token);
    const found = who
      ? await deps.db
          .selectFrom("contacts")
          .innerJoin("tenants", "tenants.id", "contacts.tenant_id")
          .select(["contacts.locale", "contacts.unsubscribed_at", "tenants.name", "tenants.default_locale"])
          .where("contacts.tenant_id", "=", who.tenantId)
          .where("contacts.id", "=", who.contactId)
          .executeTakeFirst()
      : undefined;
    const locale = resolveLocale(found?.locale ?? found?.default_locale ?? "en");
    const s = STRINGS[locale];
    if (!found) return { status: 404 as const, html: html(locale, s.title, `<p>${escapeHtml(s.invalid)}</p>`) };
    const bank = escapeHtml(found.name);
    if (act) await unsubscribeByToken(deps.db, deps.config.secretKey, token, deps.clock.now());
    if (act || found.unsubscribed_at) return { status: 200 as const, html: html(locale, s.title, `<p role="status">${escapeHtml(s.done).replace("{bank}", `<bdi>${bank}</bdi>`)}</p>`) };
    const form = `<p>${escapeHtml(s.ask).replace("{bank}", `<bdi>${bank}</bdi>`)}</p>
<form method="post"><button type="submit" style="padding:12px 20px;font:inherit;font-weight:600;background:#1d4ed8;color:#fff;border:0;border-radius:6px;cursor:pointer">${escapeHtml(s.button)}</button></form>`;
    return { status: 200 as const, html: html(locale, s.title, form) };
  };
  app.get("/u/:token", async (c) => {
    const r = await page(c.req.param("token"), false);
    return c.html(r.html, r.status, { "cache-control": "no-store" });
  });
  app.post("/u/:token", async (c) => {
    const r = await page(c.req.param("token"), true);
    return c.html(r.html, r.status, { "cache-control": "no-store" });
  });
}

function html(locale: MessageLocale, title: string, body: string): string {
  const dir = locale === "he" || locale === "ar" ? "rtl" : "ltr";
  return `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;background:#f3f4f6;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:#1f2933;line-height:1.6">
<main style="max-width:480px;margin:48px auto;padding:24px;background:#fff;border-radius:8px">
<h1 style="font-size:1.4rem;margin:0 0 16px">${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

const STRINGS: Record<MessageLocale, { title: string; ask: string; button: string; done: string; invalid: string }> = {
  en: {
    title: "Unsubscribe from surveys",
    ask: "Do you want to stop receiving surveys from {bank}?",
    button: "Unsubscribe",
    done: "Done: you will not receive surveys from {bank} any more.",
    invalid: "This unsubscribe link is not valid.",
  },
  he: {
    title: "הסרה מרשימת הסקרים",
    ask: "להפסיק לקבל סקרים מ-{bank}?",
    button: "הסרה",
    done: "בוצע: לא יישלחו אליך יותר סקרים מ-{bank}.",
    invalid: "קישור ההסרה הזה אינו תקין.",
  },
  ar: {
    title: "إلغاء الاشتراك في الاستبيانات",
    ask: "هل تريد التوقف عن تلقي الاستبيانات من {bank}؟",
    button: "إلغاء الاشتراك",
    done: "تم: لن تصلك استبيانات من {bank} بعد الآن.",
    invalid: "رابط إلغاء الاشتراك هذا غير صالح.",
  },
  "zh-Hans": {
    title: "退订问卷",
    ask: "您要停止接收来自 {bank} 的问卷吗？",
    button: "退订",
    done: "已完成：您将不会再收到来自 {bank} 的问卷。",
    invalid: "此退订链接无效。",
  },
  "zh-Hant": {
    title: "取消訂閱問卷",
    ask: "您要停止接收來自 {bank} 的問卷嗎？",
    button: "取消訂閱",
    done: "已完成：您將不會再收到來自 {bank} 的問卷。",
    invalid: "此取消訂閱連結無效。",
  },
};
