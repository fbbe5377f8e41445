import type { MessageLocale, OnboardingCatalog } from "./types";

/**
 * Onboarding messages per locale. Links and one-time codes are secrets: these messages are queued
 * as sensitive, so their bodies are removed once delivered (outside development).
 * Hebrew is gender-neutral (impersonal forms: "אפשר", "יש להזין"), as in he.ts.
 */
const en: OnboardingCatalog = {
  "onboarding.link": {
    subject: "Continue your {{product}} application with {{bank}}",
    body: [
      "Hello {{name}},",
      "Your {{product}} application with {{bank}} is ready. You can finish it on your phone in a few minutes; everything you enter is saved as you go.",
      { action: "Continue your application" },
      "The link is personal and works for {{days}}. When you open it we send you a one-time code first. If you did not ask for this, ignore this message.",
    ],
  },
  "onboarding.link_sms": { subject: "{{bank}} application", body: ["{{bank}}: continue your {{product}} application here:", { action: "Open" }, "Personal link, do not share."] },
  "onboarding.otp": {
    subject: "Your {{bank}} code: {{code}}",
    body: ["Hello {{name}},", "Your one-time code for your {{bank}} application is {{code}}. It expires in {{minutes}}.", "Never share this code. {{bank}} staff will never ask you for it."],
  },
  "onboarding.otp_sms": { subject: "{{bank}} code", body: ["{{code}} is your {{bank}} code. It expires in {{minutes}}. Never share it."] },
  "onboarding.reminder": {
    subject: "Your {{product}} application is waiting",
    body: ["Hello {{name}},", "You were at \u201c{{step}}\u201d in your {{product}} application with {{bank}}. Everything you entered is saved.", { action: "Continue where you stopped" }],
  },
  "onboarding.reminder_sms": { subject: "{{bank}} reminder", body: ["{{bank}}: your {{product}} application is saved. Continue where you stopped:", { action: "Continue" }] },
  "onboarding.document_rejected": {
    subject: "Please upload your {{document}} again",
    body: ["Hello {{name}},", "We could not accept the {{document}} you sent to {{bank}}: {{reason}}", "Please upload only this document again; the rest of your application is kept.", { action: "Upload the document" }],
  },
  "onboarding.document_rejected_sms": { subject: "{{bank}} document", body: ["{{bank}}: please upload your {{document}} again:", { action: "Upload" }] },
  "onboarding.info_requested": {
    subject: "{{bank}} needs a little more for your {{product}} application",
    body: ["Hello {{name}},", "To decide on your {{product}} application we need: {{items}}", { action: "Add the missing items" }],
  },
  "onboarding.info_requested_sms": { subject: "{{bank}} application", body: ["{{bank}}: we need a little more for your {{product}} application:", { action: "Open" }] },
  "onboarding.approved": {
    subject: "Your {{product}} application is approved",
    body: ["Hello {{name}},", "Good news: {{bank}} approved your {{product}} application (reference {{reference}}). We will let you know as soon as it is open."],
  },
  "onboarding.approved_sms": { subject: "{{bank}} approved", body: ["{{bank}}: your {{product}} application {{reference}} is approved."] },
  "onboarding.rejected": {
    subject: "About your {{product}} application",
    body: ["Hello {{name}},", "We are sorry: {{bank}} cannot approve your {{product}} application (reference {{reference}}).", "Reason: {{reason}}", "You may ask us for the main reasons for this decision."],
  },
  "onboarding.rejected_sms": { subject: "{{bank}} application", body: ["{{bank}}: we could not approve your {{product}} application {{reference}}. Details are in your email."] },
  "onboarding.welcome": {
    subject: "Welcome to {{bank}}: your {{product}} is open",
    body: ["Hello {{name}},", "Your {{product}} is open. A few steps help you get the most out of it:", { action: "See your welcome checklist" }],
  },
  "onboarding.welcome_sms": { subject: "Welcome to {{bank}}", body: ["{{bank}}: your {{product}} is open. Your welcome checklist:", { action: "Open" }] },
};

const he: OnboardingCatalog = {
  "onboarding.link": {
    subject: "המשך הבקשה ל{{product}} ב-{{bank}}",
    body: [
      "שלום {{name}},",
      "הבקשה ל{{product}} ב-{{bank}} מוכנה. אפשר להשלים אותה בטלפון בתוך כמה דקות, וכל מה שמוזן נשמר אוטומטית.",
      { action: "המשך הבקשה" },
      "הקישור אישי ובתוקף למשך {{days}}. בפתיחתו נשלח קוד חד-פעמי לאימות. אם הבקשה לא הוגשה ביוזמתך, אפשר להתעלם מההודעה.",
    ],
  },
  "onboarding.link_sms": { subject: "בקשה ב-{{bank}}", body: ["{{bank}}: להמשך הבקשה ל{{product}}:", { action: "פתיחה" }, "קישור אישי, אין להעביר אותו לאחרים."] },
  "onboarding.otp": {
    subject: "הקוד שלך מ-{{bank}}: {{code}}",
    body: ["שלום {{name}},", "הקוד החד-פעמי לבקשה ב-{{bank}} הוא {{code}}. הוא בתוקף למשך {{minutes}}.", "אין למסור את הקוד לאף אחד. נציגי {{bank}} לעולם לא יבקשו אותו."],
  },
  "onboarding.otp_sms": { subject: "קוד מ-{{bank}}", body: ["{{code}} הוא הקוד שלך מ-{{bank}}. בתוקף למשך {{minutes}}. אין למסור אותו לאף אחד."] },
  "onboarding.reminder": {
    subject: "הבקשה ל{{product}} ממתינה להשלמה",
    body: ["שלום {{name}},", "הבקשה ל{{product}} ב-{{bank}} נעצרה בשלב \u201c{{step}}\u201d. כל מה שהוזן עד עכשיו שמור.", { action: "המשך מהמקום שבו עצרת" }],
  },
  "onboarding.reminder_sms": { subject: "תזכורת מ-{{bank}}", body: ["{{bank}}: הבקשה ל{{product}} שמורה. אפשר להמשיך מאותה נקודה:", { action: "המשך" }] },
  "onboarding.document_rejected": {
    subject: "יש להעלות שוב את המסמך: {{document}}",
    body: ["שלום {{name}},", "לא יכולנו לקבל את המסמך {{document}} שנשלח ל-{{bank}}: {{reason}}", "יש להעלות מחדש רק את המסמך הזה. שאר הבקשה נשמר כמו שהוא.", { action: "העלאת המסמך" }],
  },
  "onboarding.document_rejected_sms": { subject: "מסמך ל-{{bank}}", body: ["{{bank}}: יש להעלות שוב את המסמך {{document}}:", { action: "העלאה" }] },
  "onboarding.info_requested": {
    subject: "{{bank}} צריך עוד כמה פרטים לבקשה ל{{product}}",
    body: ["שלום {{name}},", "כדי להחליט על הבקשה ל{{product}} אנחנו צריכים: {{items}}", { action: "השלמת הפרטים החסרים" }],
  },
  "onboarding.info_requested_sms": { subject: "בקשה ב-{{bank}}", body: ["{{bank}}: חסרים עוד כמה פרטים לבקשה ל{{product}}:", { action: "פתיחה" }] },
  "onboarding.approved": {
    subject: "הבקשה ל{{product}} אושרה",
    body: ["שלום {{name}},", "חדשות טובות: {{bank}} אישר את הבקשה ל{{product}} (אסמכתה {{reference}}). נעדכן ברגע שהכול יהיה פתוח ומוכן."],
  },
  "onboarding.approved_sms": { subject: "אישור מ-{{bank}}", body: ["{{bank}}: הבקשה ל{{product}} ({{reference}}) אושרה."] },
  "onboarding.rejected": {
    subject: "עדכון לגבי הבקשה ל{{product}}",
    body: ["שלום {{name}},", "לצערנו, {{bank}} לא יכול לאשר את הבקשה ל{{product}} (אסמכתה {{reference}}).", "הסיבה: {{reason}}", "אפשר לפנות אלינו ולבקש את הסיבות העיקריות להחלטה."],
  },
  "onboarding.rejected_sms": { subject: "בקשה ב-{{bank}}", body: ["{{bank}}: לא יכולנו לאשר את הבקשה ל{{product}} ({{reference}}). הפרטים נשלחו בדוא\u201dל."] },
  "onboarding.welcome": {
    subject: "ברוכים הבאים ל-{{bank}}: ה{{product}} פתוח",
    body: ["שלום {{name}},", "ה{{product}} פתוח ומוכן. כמה צעדים קצרים יעזרו להפיק ממנו את המרב:", { action: "לרשימת הצעדים הראשונים" }],
  },
  "onboarding.welcome_sms": { subject: "ברוכים הבאים ל-{{bank}}", body: ["{{bank}}: ה{{product}} פתוח. רשימת הצעדים הראשונים:", { action: "פתיחה" }] },
};

const ar: OnboardingCatalog = {
  "onboarding.link": {
    subject: "أكمل طلب {{product}} لدى {{bank}}",
    body: [
      "مرحبًا {{name}}،",
      "طلبك للحصول على {{product}} لدى {{bank}} جاهز. يمكنك إكماله من هاتفك في بضع دقائق، ويُحفظ كل ما تُدخله تلقائيًا.",
      { action: "متابعة الطلب" },
      "هذا الرابط شخصي وصالح لمدة {{days}}. عند فتحه نرسل إليك أولًا رمزًا لمرة واحدة. إذا لم تطلب ذلك، فتجاهل هذه الرسالة.",
    ],
  },
  "onboarding.link_sms": { subject: "طلب لدى {{bank}}", body: ["{{bank}}: أكمل طلب {{product}} من هنا:", { action: "فتح" }, "رابط شخصي، لا تشاركه مع أحد."] },
  "onboarding.otp": {
    subject: "رمزك من {{bank}}: {{code}}",
    body: ["مرحبًا {{name}}،", "رمز المرة الواحدة لطلبك لدى {{bank}} هو {{code}}. تنتهي صلاحيته بعد {{minutes}}.", "لا تشارك هذا الرمز مع أحد. لن يطلبه منك موظفو {{bank}} أبدًا."],
  },
  "onboarding.otp_sms": { subject: "رمز {{bank}}", body: ["{{code}} هو رمزك من {{bank}}. تنتهي صلاحيته بعد {{minutes}}. لا تشاركه مع أحد."] },
  "onboarding.reminder": {
    subject: "طلب {{product}} بانتظارك",
    body: ["مرحبًا {{name}}،", "توقفت عند خطوة \u201c{{step}}\u201d في طلب {{product}} لدى {{bank}}. كل ما أدخلته محفوظ.", { action: "المتابعة من حيث توقفت" }],
  },
  "onboarding.reminder_sms": { subject: "تذكير من {{bank}}", body: ["{{bank}}: طلب {{product}} محفوظ. تابع من حيث توقفت:", { action: "متابعة" }] },
  "onboarding.document_rejected": {
    subject: "يُرجى تحميل {{document}} مرة أخرى",
    body: ["مرحبًا {{name}}،", "لم يتمكن {{bank}} من قبول {{document}} الذي أرسلته: {{reason}}", "يُرجى تحميل هذا المستند وحده مرة أخرى؛ بقية طلبك محفوظة.", { action: "تحميل المستند" }],
  },
  "onboarding.document_rejected_sms": { subject: "مستند لدى {{bank}}", body: ["{{bank}}: يُرجى تحميل {{document}} مرة أخرى:", { action: "تحميل" }] },
  "onboarding.info_requested": {
    subject: "يحتاج {{bank}} إلى بعض المعلومات الإضافية لطلب {{product}}",
    body: ["مرحبًا {{name}}،", "لاتخاذ قرار بشأن طلب {{product}} نحتاج إلى ما يلي: {{items}}", { action: "إضافة المعلومات الناقصة" }],
  },
  "onboarding.info_requested_sms": { subject: "طلب لدى {{bank}}", body: ["{{bank}}: نحتاج إلى بعض المعلومات الإضافية لطلب {{product}}:", { action: "فتح" }] },
  "onboarding.approved": {
    subject: "تمت الموافقة على طلب {{product}}",
    body: ["مرحبًا {{name}}،", "أخبار سارة: وافق {{bank}} على طلب {{product}} (المرجع {{reference}}). سنُعلمك فور تفعيله."],
  },
  "onboarding.approved_sms": { subject: "موافقة {{bank}}", body: ["{{bank}}: تمت الموافقة على طلب {{product}} رقم {{reference}}."] },
  "onboarding.rejected": {
    subject: "بخصوص طلب {{product}}",
    body: ["مرحبًا {{name}}،", "نأسف لإبلاغك بأن {{bank}} لا يستطيع الموافقة على طلب {{product}} (المرجع {{reference}}).", "السبب: {{reason}}", "يمكنك أن تطلب منا الأسباب الرئيسية لهذا القرار."],
  },
  "onboarding.rejected_sms": { subject: "طلب لدى {{bank}}", body: ["{{bank}}: لم نتمكن من الموافقة على طلب {{product}} رقم {{reference}}. التفاصيل في بريدك الإلكتروني."] },
  "onboarding.welcome": {
    subject: "مرحبًا بك في {{bank}}: {{product}} جاهز",
    body: ["مرحبًا {{name}}،", "تم فتح {{product}} الخاص بك. بعض الخطوات البسيطة تساعدك على الاستفادة منه إلى أقصى حد:", { action: "عرض قائمة الترحيب" }],
  },
  "onboarding.welcome_sms": { subject: "مرحبًا بك في {{bank}}", body: ["{{bank}}: تم فتح {{product}}. قائمة الترحيب الخاصة بك:", { action: "فتح" }] },
};

const zhHans: OnboardingCatalog = {
  "onboarding.link": {
    subject: "继续您在{{bank}}的{{product}}申请",
    body: [
      "{{name}}，您好：",
      "您在{{bank}}的{{product}}申请已准备就绪。您可以在手机上用几分钟完成，填写的内容会随时自动保存。",
      { action: "继续申请" },
      "此链接仅限您本人使用，有效期为{{days}}。打开链接时，我们会先向您发送一次性验证码。如果这不是您本人的申请，请忽略此消息。",
    ],
  },
  "onboarding.link_sms": { subject: "{{bank}}申请", body: ["{{bank}}：请在此继续您的{{product}}申请：", { action: "打开" }, "个人专属链接，请勿转发。"] },
  "onboarding.otp": {
    subject: "您的{{bank}}验证码：{{code}}",
    body: ["{{name}}，您好：", "您在{{bank}}申请的一次性验证码是 {{code}}，将在{{minutes}}后失效。", "请勿向任何人透露此验证码。{{bank}}的工作人员绝不会向您索取。"],
  },
  "onboarding.otp_sms": { subject: "{{bank}}验证码", body: ["{{code}} 是您的{{bank}}验证码，{{minutes}}内有效。请勿告诉任何人。"] },
  "onboarding.reminder": {
    subject: "您的{{product}}申请尚未完成",
    body: ["{{name}}，您好：", "您在{{bank}}的{{product}}申请停留在\u201c{{step}}\u201d这一步。您填写的所有内容均已保存。", { action: "从上次中断处继续" }],
  },
  "onboarding.reminder_sms": { subject: "{{bank}}提醒", body: ["{{bank}}：您的{{product}}申请已保存，可从上次中断处继续：", { action: "继续" }] },
  "onboarding.document_rejected": {
    subject: "请重新上传{{document}}",
    body: ["{{name}}，您好：", "{{bank}}无法接受您提交的{{document}}：{{reason}}", "请仅重新上传这一份文件，申请的其他内容均已保留。", { action: "上传文件" }],
  },
  "onboarding.document_rejected_sms": { subject: "{{bank}}文件", body: ["{{bank}}：请重新上传{{document}}：", { action: "上传" }] },
  "onboarding.info_requested": {
    subject: "{{bank}}需要您为{{product}}申请补充一些信息",
    body: ["{{name}}，您好：", "为了对您的{{product}}申请作出决定，我们还需要：{{items}}", { action: "补充所缺信息" }],
  },
  "onboarding.info_requested_sms": { subject: "{{bank}}申请", body: ["{{bank}}：您的{{product}}申请还需补充一些信息：", { action: "打开" }] },
  "onboarding.approved": {
    subject: "您的{{product}}申请已获批准",
    body: ["{{name}}，您好：", "好消息：{{bank}}已批准您的{{product}}申请（编号 {{reference}}）。开通后我们会第一时间通知您。"],
  },
  "onboarding.approved_sms": { subject: "{{bank}}已批准", body: ["{{bank}}：您的{{product}}申请 {{reference}} 已获批准。"] },
  "onboarding.rejected": {
    subject: "关于您的{{product}}申请",
    body: ["{{name}}，您好：", "很抱歉，{{bank}}无法批准您的{{product}}申请（编号 {{reference}}）。", "原因：{{reason}}", "您可以向我们询问作出此决定的主要原因。"],
  },
  "onboarding.rejected_sms": { subject: "{{bank}}申请", body: ["{{bank}}：很抱歉，您的{{product}}申请 {{reference}} 未获批准。详情请查看电子邮件。"] },
  "onboarding.welcome": {
    subject: "欢迎加入{{bank}}：您的{{product}}已开通",
    body: ["{{name}}，您好：", "您的{{product}}已开通。完成以下几步，让它更好地为您服务：", { action: "查看欢迎清单" }],
  },
  "onboarding.welcome_sms": { subject: "欢迎加入{{bank}}", body: ["{{bank}}：您的{{product}}已开通。您的欢迎清单：", { action: "打开" }] },
};

const zhHant: OnboardingCatalog = {
  "onboarding.link": {
    subject: "繼續您在{{bank}}的{{product}}申請",
    body: [
      "{{name}} 您好：",
      "您在{{bank}}的{{product}}申請已準備就緒。您可以在手機上用幾分鐘完成，填寫的內容會隨時自動儲存。",
      { action: "繼續申請" },
      "此連結僅限您本人使用，有效期為{{days}}。開啟連結時，我們會先傳送一次性驗證碼給您。如果這不是您本人的申請，請忽略此訊息。",
    ],
  },
  "onboarding.link_sms": { subject: "{{bank}}申請", body: ["{{bank}}：請在此繼續您的{{product}}申請：", { action: "開啟" }, "個人專屬連結，請勿轉傳。"] },
  "onboarding.otp": {
    subject: "您的{{bank}}驗證碼：{{code}}",
    body: ["{{name}} 您好：", "您在{{bank}}申請的一次性驗證碼是 {{code}}，將在{{minutes}}後失效。", "請勿向任何人透露此驗證碼。{{bank}}的員工絕不會向您索取。"],
  },
  "onboarding.otp_sms": { subject: "{{bank}}驗證碼", body: ["{{code}} 是您的{{bank}}驗證碼，{{minutes}}內有效。請勿告訴任何人。"] },
  "onboarding.reminder": {
    subject: "您的{{product}}申請尚未完成",
    body: ["{{name}} 您好：", "您在{{bank}}的{{product}}申請停在\u300c{{step}}\u300d這一步。您填寫的所有內容皆已儲存。", { action: "從上次中斷處繼續" }],
  },
  "onboarding.reminder_sms": { subject: "{{bank}}提醒", body: ["{{bank}}：您的{{product}}申請已儲存，可從上次中斷處繼續：", { action: "繼續" }] },
  "onboarding.document_rejected": {
    subject: "請重新上傳{{document}}",
    body: ["{{name}} 您好：", "{{bank}}無法接受您提交的{{document}}：{{reason}}", "請只重新上傳這一份文件，申請的其他內容皆已保留。", { action: "上傳文件" }],
  },
  "onboarding.document_rejected_sms": { subject: "{{bank}}文件", body: ["{{bank}}：請重新上傳{{document}}：", { action: "上傳" }] },
  "onboarding.info_requested": {
    subject: "{{bank}}需要您為{{product}}申請補充一些資料",
    body: ["{{name}} 您好：", "為了對您的{{product}}申請做出決定，我們還需要：{{items}}", { action: "補充所缺資料" }],
  },
  "onboarding.info_requested_sms": { subject: "{{bank}}申請", body: ["{{bank}}：您的{{product}}申請還需補充一些資料：", { action: "開啟" }] },
  "onboarding.approved": {
    subject: "您的{{product}}申請已獲核准",
    body: ["{{name}} 您好：", "好消息：{{bank}}已核准您的{{product}}申請（編號 {{reference}}）。開通後我們會第一時間通知您。"],
  },
  "onboarding.approved_sms": { subject: "{{bank}}已核准", body: ["{{bank}}：您的{{product}}申請 {{reference}} 已獲核准。"] },
  "onboarding.rejected": {
    subject: "關於您的{{product}}申請",
    body: ["{{name}} 您好：", "很抱歉，{{bank}}無法核准您的{{product}}申請（編號 {{reference}}）。", "原因：{{reason}}", "您可以向我們詢問做出此決定的主要原因。"],
  },
  "onboarding.rejected_sms": { subject: "{{bank}}申請", body: ["{{bank}}：很抱歉，您的{{product}}申請 {{reference}} 未獲核准。詳情請查看電子郵件。"] },
  "onboarding.welcome": {
    subject: "歡迎加入{{bank}}：您的{{product}}已開通",
    body: ["{{name}} 您好：", "您的{{product}}已開通。完成以下幾個步驟，讓它更好地為您服務：", { action: "查看歡迎清單" }],
  },
  "onboarding.welcome_sms": { subject: "歡迎加入{{bank}}", body: ["{{bank}}：您的{{product}}已開通。您的歡迎清單：", { action: "開啟" }] },
};

export const ONBOARDING_TEXTS: Record<MessageLocale, OnboardingCatalog> = { en, he, ar, "zh-Hans": zhHans, "zh-Hant": zhHant };
