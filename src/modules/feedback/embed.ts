import type { MiddlewareHandler } from "hono";
import type { Db } from "../../db";
import { contentSecurityPolicy } from "../../server/middleware/security-headers";

/** Where the widget script is served (outside /api: a plain, cacheable, cross-origin script). */
export const WIDGET_PATH = "/embed/survey.js";

const escapeAttr = (v: string) => v.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The two ways to put a survey on a bank's page: a plain iframe, or the widget script. */
export function embedSnippets(publicUrl: string, slug: string, surveyId: string, title: string) {
  const url = `${publicUrl}/c/${encodeURIComponent(slug)}/s/${surveyId}?embed=1&ch=embed`;
  const iframe = `<iframe src="${escapeAttr(url)}" title="${escapeAttr(title)}" style="width:100%;min-height:480px;border:0" loading="lazy"></iframe>`;
  const script = `<script src="${escapeAttr(publicUrl + WIDGET_PATH)}" data-atrium-bank="${escapeAttr(slug)}" data-atrium-survey="${surveyId}" data-atrium-title="${escapeAttr(title)}" async></script>`;
  return { url, iframe, script };
}

/**
 * The widget: inserts the survey iframe after its <script> tag (or into `data-atrium-target`),
 * passes `data-atrium-lang` and `data-atrium-hidden-<name>` attributes as URL parameters, resizes
 * the iframe on the page's `height` messages and fires `atrium:survey-completed` (bubbling, detail
 * { surveyId, responseId, endingId }) on the iframe when the page posts `completed`. Messages are
 * accepted only from the Atrium origin (the script's own) and from the iframe it inserted.
 */
export const WIDGET_JS = `(function () {
  "use strict";
  if (window.__atriumSurveyEmbed) { window.__atriumSurveyEmbed.scan(); return; }
  var me = document.currentScript;
  var origin = new URL(me && me.src ? me.src : "${WIDGET_PATH}", location.href).origin;
  var frames = [];
  function mount(s) {
    s.setAttribute("data-atrium-mounted", "1");
    var id = s.getAttribute("data-atrium-survey") || "";
    var slug = s.getAttribute("data-atrium-bank") || "";
    if (!/^[0-9a-f-]{36}$/i.test(id) || !/^[a-z0-9-]{1,63}$/i.test(slug)) return;
    var params = new URLSearchParams({ embed: "1", ch: "embed" });
    var lang = s.getAttribute("data-atrium-lang");
    if (lang) params.set("lang", lang);
    for (var i = 0; i < s.attributes.length; i++) {
      var a = s.attributes[i];
      if (a.name.indexOf("data-atrium-hidden-") === 0) params.set(a.name.slice(19), a.value);
    }
    var frame = document.createElement("iframe");
    frame.src = origin + "/c/" + encodeURIComponent(slug) + "/s/" + id + "?" + params.toString();
    frame.title = s.getAttribute("data-atrium-title") || "Survey";
    frame.setAttribute("loading", "lazy");
    frame.style.cssText = "display:block;width:100%;min-height:200px;border:0";
    var sel = s.getAttribute("data-atrium-target");
    var host = sel ? document.querySelector(sel) : null;
    if (host) host.appendChild(frame);
    else if (s.parentNode) s.parentNode.insertBefore(frame, s.nextSibling);
    frames.push({ id: id, frame: frame });
  }
  function scan() {
    var list = document.querySelectorAll("script[data-atrium-survey]:not([data-atrium-mounted])");
    for (var i = 0; i < list.length; i++) mount(list[i]);
  }
  window.addEventListener("message", function (e) {
    if (e.origin !== origin) return;
    var d = e.data;
    if (!d || typeof d !== "object" || d.source !== "atrium-survey") return;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.frame.contentWindow !== e.source || d.surveyId !== f.id) continue;
      if (d.type === "height" && typeof d.height === "number" && d.height > 0 && d.height < 100000) {
        f.frame.style.height = Math.ceil(d.height) + "px";
      } else if (d.type === "completed") {
        f.frame.dispatchEvent(new CustomEvent("atrium:survey-completed", {
          bubbles: true,
          composed: true,
          detail: { surveyId: d.surveyId, responseId: d.responseId, endingId: d.endingId }
        }));
      }
    }
  });
  window.__atriumSurveyEmbed = { scan: scan };
  scan();
})();
`;

/**
 * Survey pages (`/c/{slug}/s/…`) may be framed by the bank's own origins (feedback settings
 * `embed_origins`) and by Atrium itself (the back office previews them); every other page keeps
 * frame-ancestors 'none' and X-Frame-Options DENY (security-headers.ts).
 */
export function surveyFraming(db: Db): MiddlewareHandler {
  return async (c, next) => {
    await next();
    let slug: string | undefined;
    try {
      slug = decodeURIComponent(/^\/c\/([^/]+)\/s\//.exec(c.req.path)?.[1] ?? "");
    } catch {
      slug = undefined;
    }
    const row = slug
      ? await db
          .selectFrom("tenants")
          .leftJoin("feedback_settings", "feedback_settings.tenant_id", "tenants.id")
          .select("feedback_settings.embed_origins")
          .where("tenants.slug", "=", slug)
          .executeTakeFirst()
      : undefined;
    const origins = (row?.embed_origins ?? []).filter((o) => /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o));
    const ancestors = `frame-ancestors ${["'self'", ...origins].join(" ")}`;
    // Keep the page's own policy (the respondent page allows https images) and change only framing.
    const csp = c.res.headers.get("content-security-policy") ?? contentSecurityPolicy();
    c.res.headers.set("content-security-policy", /frame-ancestors [^;]*/.test(csp) ? csp.replace(/frame-ancestors [^;]*/, ancestors) : `${csp}; ${ancestors}`);
  };
}
