
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { apiKeyHeaders, json, type TestTenant } from "../support/factories";
import type { TestContext } from "../support/context";
export { expectAccessible, shot } from "./ui-helpers";

/**
 * Multi choice → a loop page (CSAT + text, `{{loop.item}}` piped) per picked service → NPS →
 * a page whose questions depend on the NPS (display logic) → a custom ending. English and Arabic.
 */
export const LOOP_SURVEY = {
  title: { en: "Your visit", ar: "زيارتك" },
  description: { en: "Three short questions.", ar: "ثلاثة أسئلة قصيرة." },
  hiddenFields: ["source"],
  questions: [
    {
      id: "services",
      type: "multi",
      required: true,
      text: { en: "Which services did you use?", ar: "ما الخدمات التي استخدمتها؟" },
      choices: [
        { id: "app", text: { en: "The app", ar: "التطبيق" } },
        { id: "branch", text: { en: "The branch", ar: "الفرع" } },
        { id: "call", text: { en: "The call centre", ar: "مركز الاتصال" } },
      ],
    },
    {
      id: "sat",
      type: "csat",
      required: true,
      text: { en: "How satisfied were you with {{loop.item}}?", ar: "ما مدى رضاك عن {{loop.item}}؟" },
      lowLabel: { en: "Very dissatisfied", ar: "غير راضٍ إطلاقًا" },
      highLabel: { en: "Very satisfied", ar: "راضٍ جدًا" },
    },
    { id: "better", type: "text", text: { en: "What could {{loop.item}} do better?", ar: "ما الذي يمكن تحسينه في {{loop.item}}؟" } },
    {
      id: "nps",
      type: "nps",
      required: true,
      text: { en: "How likely are you to recommend us to a friend?", ar: "ما مدى احتمال أن توصي بنا لصديق؟" },
      lowLabel: { en: "Not at all likely", ar: "غير محتمل إطلاقًا" },
      highLabel: { en: "Extremely likely", ar: "محتمل جدًا" },
    },
    { id: "fix", type: "text", showIf: { left: { question: "nps" }, op: "isDetractor" }, text: { en: "What should we fix first?", ar: "ما الذي يجب أن نصلحه أولًا؟" } },
    { id: "love", type: "text", showIf: { left: { question: "nps" }, op: "isPromoter" }, text: { en: "What do you like most?", ar: "ما أكثر ما يعجبك؟" } },
  ],
  pages: [
    { id: "p1", questionIds: ["services"] },
    { id: "each", questionIds: ["sat", "better"] },
    { id: "p3", questionIds: ["nps"] },
    { id: "p4", questionIds: ["fix", "love"] },
  ],
  loops: [{ id: "perService", source: "services", pages: ["each"] }],
  endings: [{ id: "thanks", title: { en: "Thank you!", ar: "شكرًا لك!" }, text: { en: "Your answers help us improve.", ar: "إجاباتك تساعدنا على التحسين." } }],
  settings: { showProgress: true, allowBack: true },
};

const he = (en: string, heText: string) => ({ en, he: heText });
const c = (id: string, en: string, heText: string) => ({ id, text: he(en, heText) });

/** Every question type, none required, on three pages; English and Hebrew. */
export const ALL_TYPES_SURVEY = {
  title: he("Every kind of question", "כל סוגי השאלות"),
  questions: [
    { id: "nps", type: "nps", text: he("Recommend us?", "האם היית ממליץ עלינו?"), lowLabel: he("Not likely", "לא סביר"), highLabel: he("Very likely", "סביר מאוד") },
    { id: "csat", type: "csat", text: he("Satisfied?", "עד כמה היית מרוצה?") },
    { id: "ces", type: "ces", text: he("Easy?", "עד כמה זה היה קל?"), lowLabel: he("Hard", "קשה"), highLabel: he("Easy", "קל") },
    { id: "stars", type: "rating", style: "stars", points: 5, text: he("Rate the app", "דרג את האפליקציה") },
    { id: "smileys", type: "rating", style: "smileys", points: 5, text: he("How do you feel?", "איך אתה מרגיש?") },
    { id: "numbers", type: "rating", style: "numbers", points: 10, text: he("Score the branch", "תן ציון לסניף") },
    { id: "single", type: "single", text: he("Your age group", "קבוצת הגיל שלך"), choices: [c("a", "Under 30", "מתחת ל-30"), c("b", "30 or more", "30 ומעלה")] },
    { id: "multi", type: "multi", text: he("Products you hold", "המוצרים שלך"), maxChoices: 2, choices: [c("cur", "Current account", "חשבון עו״ש"), c("sav", "Savings", "חיסכון"), c("mtg", "Mortgage", "משכנתה")] },
    { id: "drop", type: "dropdown", text: he("Your branch", "הסניף שלך"), choices: [c("n", "North", "צפון"), c("s", "South", "דרום")] },
    { id: "pic", type: "picture", text: he("Pick a card design", "בחר עיצוב כרטיס"), choices: [c("blue", "Blue", "כחול"), c("gold", "Gold", "זהב")] },
    { id: "rank", type: "ranking", text: he("Order by importance", "סדר לפי חשיבות"), choices: [c("fees", "Low fees", "עמלות נמוכות"), c("app", "Good app", "אפליקציה טובה"), c("people", "Friendly staff", "צוות אדיב")] },
    { id: "matrix", type: "matrix", text: he("Rate each", "דרג כל אחד"), rows: [c("speed", "Speed", "מהירות"), c("courtesy", "Courtesy", "אדיבות")], columns: [c("bad", "Poor", "גרוע"), c("ok", "Fair", "סביר"), c("good", "Good", "טוב")] },
    { id: "short", type: "text", text: he("Your nickname", "הכינוי שלך") },
    { id: "email", type: "text", format: "email", text: he("Your email", "האימייל שלך") },
    { id: "long", type: "text", format: "long", text: he("Anything else?", "משהו נוסף?") },
    { id: "date", type: "date", text: he("When did you visit?", "מתי ביקרת?"), min: "2020-01-01" },
    { id: "consent", type: "consent", text: he("Contact", "יצירת קשר"), label: he("You may contact me", "מותר ליצור איתי קשר") },
    { id: "cta", type: "statement", text: he("Read our tips", "קרא את הטיפים שלנו"), url: "https://example.com/tips", buttonLabel: he("Open tips", "פתיחת הטיפים") },
    { id: "file", type: "file", text: he("A photo of the receipt", "צילום של הקבלה"), accept: ["image/jpeg", "image/png"] },
    { id: "contact", type: "contact", text: he("How to reach you", "איך להשיג אותך") },
    { id: "address", type: "address", text: he("Your address", "הכתובת שלך") },
  ],
  pages: [
    { id: "scales", questionIds: ["nps", "csat", "ces", "stars", "smileys", "numbers"] },
    { id: "choices", questionIds: ["single", "multi", "drop", "pic", "rank", "matrix"] },
    { id: "fields", questionIds: ["short", "email", "long", "date", "consent", "cta", "file", "contact", "address"] },
  ],
};

export async function publishSurvey(ctx: TestContext, tenant: TestTenant, definition: unknown): Promise<{ id: string; headers: Record<string, string> }> {
  const headers = await apiKeyHeaders(ctx, tenant);
  const created = await ctx.app.request("/api/v1/surveys", { method: "POST", ...json({ name: "Browser test", definition }, headers) });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const published = await ctx.app.request(`/api/v1/surveys/${id}/publish`, { method: "POST", headers });
  expect(published.status, await published.clone().text()).toBe(200);
  return { id, headers };
}

/** Presses Tab until `selector` has the focus (at most `max` times): keyboard-only navigation. */
export async function tabTo(page: Page, selector: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The left edge of the visible button of an NPS/CSAT point (its label). */
export async function pointX(page: Page, question: string, value: number): Promise<number> {
  const box = await page.locator(`.q[data-key="${question}"] input[value="${value}"]`).locator("xpath=..").boundingBox();
  if (!box) throw new Error(`no point ${value} in ${question}`);
  return box.x;
}

