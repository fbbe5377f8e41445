/**
 * The bank's public pages: /c/{bank}/apply lists what can be opened online, /c/{bank}/apply/{product}
 * asks how to reach the customer and starts an application, then opens its link (the code comes next).
 */
import { localize } from "../../../../src/modules/onboarding/flow/logic";
import type { Text } from "../../../../src/modules/onboarding/flow/types";
import { LOCALE_NAMES, LOCALES } from "../i18n";
import { h } from "../survey/dom";
import { type ApiError, api } from "./api";
import { configure, duration, locale, m, message, show, t, title } from "./shell";

const L = (x: Text | null | undefined) => (x ? localize(x, locale, "en") : "");
const base = (slug: string) => `/c/${encodeURIComponent(slug)}`;

async function products(slug: string) {
  try {
    const r = await api.products(slug);
    configure({ bank: r.bank.name });
    return r;
  } catch (e) {
    const ae = e as ApiError;
    if (ae.status === 404) message("title", "bankUnknown");
    else message("title", ae.offline ? "offline" : "errServer", { label: m().retry, run: () => location.reload() });
    return null;
  }
}

export async function productList(slug: string): Promise<void> {
  const r = await products(slug);
  if (!r) return;
  show(() => {
    if (r.items.length === 0) return [title(t("productsTitle", { bank: r.bank.name })), h("p", { class: "lead" }, m().noProducts)];
    const list = h("ul", { class: "products" });
    for (const p of r.items) {
      list.append(
        h(
          "li",
          { class: "product" },
          h("h2", {}, h("a", { href: `${base(slug)}/apply/${encodeURIComponent(p.id)}?lang=${locale}` }, L(p.title))),
          p.description ? h("p", {}, L(p.description)) : null,
          h("p", { class: "muted" }, t("about", { duration: duration(p.minutes) })),
        ),
      );
    }
    return [title(t("productsTitle", { bank: r.bank.name })), h("p", { class: "lead" }, m().productsIntro), list];
  });
}

export async function startForm(slug: string, productId: string): Promise<void> {
  const r = await products(slug);
  if (!r) return;
  const product = r.items.find((p) => p.id === productId);
  if (!product) return message("title", "productUnknown");
  show(() => {
    const row = (id: string, label: string, attrs: Record<string, string | boolean>) =>
      h("div", { class: "f" }, h("label", { class: "f-label", for: id }, label), h("input", { id, name: id, "aria-describedby": `${id}-e`, ...attrs }), h("p", { id: `${id}-e`, class: "f-error", hidden: true }));
    const lang = h("select", { id: "language", name: "language" });
    for (const l of LOCALES) lang.append(h("option", { value: l, lang: l, selected: l === locale }, LOCALE_NAMES[l]));
    const form = h(
      "form",
      { novalidate: true, class: "start" },
      row("name", m().fullName, { type: "text", autocomplete: "name", required: true, maxlength: "200" }),
      row("phone", m().mobile, { type: "tel", inputmode: "tel", autocomplete: "tel", dir: "ltr" }),
      row("email", m().email, { type: "email", inputmode: "email", autocomplete: "email", spellcheck: "false" }),
      h("div", { class: "f" }, h("label", { class: "f-label", for: "language" }, m().language), lang),
      h("p", { id: "start-alert", class: "page-alert", role: "alert" }),
      h("button", { type: "submit", class: "button", id: "start" }, m().start),
    );
    const value = (id: string) => (form.querySelector<HTMLInputElement>(`#${id}`)?.value ?? "").trim();
    const fail = (id: string, text: string) => {
      const err = document.getElementById(`${id}-e`);
      const input = document.getElementById(id);
      if (err) {
        err.textContent = text;
        err.hidden = false;
      }
      input?.setAttribute("aria-invalid", "true");
      input?.focus();
    };
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      for (const el of form.querySelectorAll(".f-error")) (el as HTMLElement).hidden = true;
      for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
      if (!value("name")) return fail("name", m().fullName);
      if (!value("phone") && !value("email")) return fail("phone", m().reachRequired);
      const button = document.getElementById("start") as HTMLButtonElement;
      button.disabled = true;
      try {
        const body = { product: productId, name: value("name"), language: lang.value, ...(value("phone") ? { phone: value("phone") } : {}), ...(value("email") ? { email: value("email") } : {}) };
        const out = await api.start(slug, body);
        location.assign(`${base(slug)}/a/${encodeURIComponent(out.token)}?lang=${encodeURIComponent(lang.value)}`);
      } catch (e) {
        button.disabled = false;
        const ae = e as ApiError;
        let onField = false;
        for (const item of ae.errors) {
          const id = /(name|phone|email)$/.exec(item.path)?.[1];
          if (id) {
            fail(id, item.message ?? m().errServer);
            onField = true;
          }
        }
        const alert = document.getElementById("start-alert");
        if (alert && !onField) alert.textContent = ae.offline ? m().offline : m().errServer;
      }
    });
    return [title(t("startTitle", { product: L(product.title) })), h("p", { class: "lead" }, m().startIntro), form];
  });
}
