import type { MessageLocale, SigningCatalog } from "./types";

/**
 * E-signature messages per locale. `document` is the list of document names, `days` how long the
 * link still works (the completed message's link opens the signed copies, copy.ts). Links and codes are secrets: these messages are queued as sensitive.
 * Hebrew is gender-neutral (impersonal forms), as in he.ts.
 */
export const SIGNING_TEXTS: Record<MessageLocale, SigningCatalog> = {
  en: {
    "signing.request": {
      subject: "{{bank}} asks you to sign: {{document}}",
      body: [
        "Hello {{name}},",
        "{{bank}} has sent you documents to read and sign electronically: {{document}}.",
        { action: "Read and sign" },
        "The link is personal and works for {{days}}. Before you sign we send you a one-time code. If you were not expecting this, ignore this message.",
      ],
    },
    "signing.request_sms": { subject: "{{bank}} signature", body: ["{{bank}}: documents are waiting for your signature:", { action: "Sign" }, "Personal link, do not share."] },
    "signing.reminder": {
      subject: "Reminder: {{document}} is waiting for your signature",
      body: ["Hello {{name}},", "{{bank}} is still waiting for your signature on: {{document}}.", { action: "Read and sign" }],
    },
    "signing.reminder_sms": { subject: "{{bank}} reminder", body: ["{{bank}}: your documents are still waiting for your signature:", { action: "Sign" }] },
    "signing.otp": {
      subject: "Your {{bank}} documents code: {{code}}",
      body: ["Hello {{name}},", "Your one-time code for your documents at {{bank}} (to sign them or to download your signed copy) is {{code}}. It expires in {{minutes}}.", "Never share this code. {{bank}} staff will never ask you for it."],
    },
    "signing.otp_sms": { subject: "{{bank}} documents code", body: ["{{code}} is your {{bank}} code for your documents. It expires in {{minutes}}. Never share it."] },
    "signing.completed": {
      subject: "Everyone has signed: {{document}}",
      body: [
        "Hello {{name}},",
        "All signers have signed {{document}}. {{bank}} has sealed the documents electronically.",
        { action: "Download your signed copy" },
        "The link is personal and works for {{days}}. Before the documents open we send you a one-time code.",
      ],
    },
    "signing.completed_sms": { subject: "{{bank}} signed", body: ["{{bank}}: everyone has signed {{document}}. Your copy:", { action: "Download" }, "Personal link, works for {{days}}; a one-time code is asked."] },
    "signing.declined": {
      subject: "Signing cancelled: {{document}}",
      body: ["Hello {{name}},", "A signer declined to sign {{document}}, so {{bank}} has cancelled this request. Nothing more is needed from you; the bank will contact you."],
    },
    "signing.declined_sms": { subject: "{{bank}} signing cancelled", body: ["{{bank}}: the signing of {{document}} was cancelled. No action is needed."] },
  },
  he: {
    "signing.request": {
      subject: "{{bank}} מבקש חתימה על: {{document}}",
      body: [
        "שלום {{name}},",
        "{{bank}} שלח מסמכים לקריאה ולחתימה אלקטרונית: {{document}}.",
        { action: "קריאה וחתימה" },
        "הקישור אישי ובתוקף למשך {{days}}. לפני החתימה נשלח קוד חד-פעמי. אם ההודעה לא הייתה צפויה, אפשר להתעלם ממנה.",
      ],
    },
    "signing.request_sms": { subject: "חתימה ב-{{bank}}", body: ["{{bank}}: מסמכים ממתינים לחתימה:", { action: "חתימה" }, "קישור אישי, אין להעביר אותו לאחרים."] },
    "signing.reminder": {
      subject: "תזכורת: {{document}} ממתין לחתימה",
      body: ["שלום {{name}},", "{{bank}} עדיין ממתין לחתימה על: {{document}}.", { action: "קריאה וחתימה" }],
    },
    "signing.reminder_sms": { subject: "תזכורת מ-{{bank}}", body: ["{{bank}}: המסמכים עדיין ממתינים לחתימה:", { action: "חתימה" }] },
    "signing.otp": {
      subject: "קוד למסמכים שלך מ-{{bank}}: {{code}}",
      body: ["שלום {{name}},", "הקוד החד-פעמי למסמכים שלך ב-{{bank}} (לחתימה או להורדת העותק החתום) הוא {{code}}. הוא בתוקף למשך {{minutes}}.", "אין למסור את הקוד לאף אחד. נציגי {{bank}} לעולם לא יבקשו אותו."],
    },
    "signing.otp_sms": { subject: "קוד מסמכים מ-{{bank}}", body: ["{{code}} הוא הקוד שלך מ-{{bank}} למסמכים שלך. בתוקף למשך {{minutes}}. אין למסור אותו לאף אחד."] },
    "signing.completed": {
      subject: "כל החותמים חתמו: {{document}}",
      body: [
        "שלום {{name}},",
        "כל החותמים חתמו על {{document}}. {{bank}} חתם על המסמכים בחותמת אלקטרונית.",
        { action: "הורדת העותק החתום" },
        "הקישור אישי ובתוקף למשך {{days}}. לפני פתיחת המסמכים נשלח קוד חד-פעמי.",
      ],
    },
    "signing.completed_sms": { subject: "נחתם ב-{{bank}}", body: ["{{bank}}: כל החותמים חתמו על {{document}}. העותק החתום:", { action: "הורדה" }, "קישור אישי, בתוקף למשך {{days}}; יש להזין קוד חד-פעמי."] },
    "signing.declined": {
      subject: "החתימה בוטלה: {{document}}",
      body: ["שלום {{name}},", "אחד החותמים סירב לחתום על {{document}}, ולכן {{bank}} ביטל את הבקשה. אין צורך בפעולה נוספת; הבנק ייצור קשר."],
    },
    "signing.declined_sms": { subject: "החתימה ב-{{bank}} בוטלה", body: ["{{bank}}: החתימה על {{document}} בוטלה. אין צורך בפעולה."] },
  },
  ar: {
    "signing.request": {
      subject: "يطلب {{bank}} توقيعك على: {{document}}",
      body: [
        "مرحبًا {{name}}،",
        "أرسل إليك {{bank}} مستندات لقراءتها وتوقيعها إلكترونيًا: {{document}}.",
        { action: "القراءة والتوقيع" },
        "الرابط شخصي وصالح لمدة {{days}}. قبل التوقيع نرسل إليك رمزًا لمرة واحدة. إذا لم تكن تتوقع هذه الرسالة فتجاهلها.",
      ],
    },
    "signing.request_sms": { subject: "توقيع {{bank}}", body: ["{{bank}}: مستندات بانتظار توقيعك:", { action: "توقيع" }, "رابط شخصي، لا تشاركه."] },
    "signing.reminder": {
      subject: "تذكير: {{document}} بانتظار توقيعك",
      body: ["مرحبًا {{name}}،", "لا يزال {{bank}} بانتظار توقيعك على: {{document}}.", { action: "القراءة والتوقيع" }],
    },
    "signing.reminder_sms": { subject: "تذكير من {{bank}}", body: ["{{bank}}: مستنداتك لا تزال بانتظار توقيعك:", { action: "توقيع" }] },
    "signing.otp": {
      subject: "رمز مستنداتك من {{bank}}: {{code}}",
      body: ["مرحبًا {{name}}،", "رمزك لمرة واحدة لمستنداتك لدى {{bank}} (للتوقيع عليها أو لتنزيل نسختك الموقّعة) هو {{code}}. تنتهي صلاحيته بعد {{minutes}}.", "لا تشارك هذا الرمز أبدًا. لن يطلبه منك موظفو {{bank}} مطلقًا."],
    },
    "signing.otp_sms": { subject: "رمز مستندات {{bank}}", body: ["{{code}} هو رمزك من {{bank}} لمستنداتك. تنتهي صلاحيته بعد {{minutes}}. لا تشاركه."] },
    "signing.completed": {
      subject: "وقّع الجميع: {{document}}",
      body: [
        "مرحبًا {{name}}،",
        "وقّع جميع الموقّعين على {{document}}. ختم {{bank}} المستندات بختمه الإلكتروني.",
        { action: "تنزيل نسختك الموقّعة" },
        "الرابط شخصي وصالح لمدة {{days}}. قبل فتح المستندات نرسل إليك رمزًا لمرة واحدة.",
      ],
    },
    "signing.completed_sms": { subject: "تم التوقيع لدى {{bank}}", body: ["{{bank}}: وقّع الجميع على {{document}}. نسختك:", { action: "تنزيل" }, "رابط شخصي صالح لمدة {{days}}؛ يُطلب رمز لمرة واحدة."] },
    "signing.declined": {
      subject: "أُلغي التوقيع: {{document}}",
      body: ["مرحبًا {{name}}،", "رفض أحد الموقّعين التوقيع على {{document}}، لذا ألغى {{bank}} هذا الطلب. لا يلزمك أي إجراء آخر؛ وسيتواصل معك البنك."],
    },
    "signing.declined_sms": { subject: "أُلغي التوقيع لدى {{bank}}", body: ["{{bank}}: أُلغي توقيع {{document}}. لا يلزم أي إجراء."] },
  },
  "zh-Hans": {
    "signing.request": {
      subject: "{{bank}} 请您签署：{{document}}",
      body: [
        "{{name}}，您好：",
        "{{bank}} 向您发送了需要阅读并以电子方式签署的文件：{{document}}。",
        { action: "阅读并签署" },
        "此链接仅供您本人使用，有效期为 {{days}}。签署前我们会向您发送一次性验证码。如非您本人预期，请忽略此消息。",
      ],
    },
    "signing.request_sms": { subject: "{{bank}} 签署", body: ["{{bank}}：有文件等待您签署：", { action: "签署" }, "个人链接，请勿转发。"] },
    "signing.reminder": {
      subject: "提醒：{{document}} 等待您签署",
      body: ["{{name}}，您好：", "{{bank}} 仍在等待您签署：{{document}}。", { action: "阅读并签署" }],
    },
    "signing.reminder_sms": { subject: "{{bank}} 提醒", body: ["{{bank}}：您的文件仍在等待签署：", { action: "签署" }] },
    "signing.otp": {
      subject: "您的 {{bank}} 文件验证码：{{code}}",
      body: ["{{name}}，您好：", "您在 {{bank}} 办理文件（签署或下载已签署副本）的一次性验证码为 {{code}}，将在 {{minutes}}后失效。", "请勿向任何人透露此验证码。{{bank}} 工作人员绝不会向您索取。"],
    },
    "signing.otp_sms": { subject: "{{bank}} 文件验证码", body: ["{{code}} 是您的 {{bank}} 文件验证码，{{minutes}}后失效。请勿透露给他人。"] },
    "signing.completed": {
      subject: "所有人均已签署：{{document}}",
      body: [
        "{{name}}，您好：",
        "所有签署人均已签署 {{document}}。{{bank}} 已为文件加盖电子印章。",
        { action: "下载您的已签署副本" },
        "此链接仅供您本人使用，有效期为 {{days}}。打开文件前我们会向您发送一次性验证码。",
      ],
    },
    "signing.completed_sms": { subject: "{{bank}} 已签署", body: ["{{bank}}：所有人均已签署 {{document}}。您的副本：", { action: "下载" }, "个人链接，有效期 {{days}}，需输入一次性验证码。"] },
    "signing.declined": {
      subject: "签署已取消：{{document}}",
      body: ["{{name}}，您好：", "有签署人拒绝签署 {{document}}，因此 {{bank}} 已取消此次请求。您无需再做任何操作，银行会与您联系。"],
    },
    "signing.declined_sms": { subject: "{{bank}} 签署已取消", body: ["{{bank}}：{{document}} 的签署已取消，您无需操作。"] },
  },
  "zh-Hant": {
    "signing.request": {
      subject: "{{bank}} 請您簽署：{{document}}",
      body: [
        "{{name}}，您好：",
        "{{bank}} 向您傳送了需要閱讀並以電子方式簽署的文件：{{document}}。",
        { action: "閱讀並簽署" },
        "此連結僅供您本人使用，有效期為 {{days}}。簽署前我們會傳送一次性驗證碼給您。如非您本人預期，請忽略此訊息。",
      ],
    },
    "signing.request_sms": { subject: "{{bank}} 簽署", body: ["{{bank}}：有文件等待您簽署：", { action: "簽署" }, "個人連結，請勿轉傳。"] },
    "signing.reminder": {
      subject: "提醒：{{document}} 等待您簽署",
      body: ["{{name}}，您好：", "{{bank}} 仍在等待您簽署：{{document}}。", { action: "閱讀並簽署" }],
    },
    "signing.reminder_sms": { subject: "{{bank}} 提醒", body: ["{{bank}}：您的文件仍在等待簽署：", { action: "簽署" }] },
    "signing.otp": {
      subject: "您的 {{bank}} 文件驗證碼：{{code}}",
      body: ["{{name}}，您好：", "您在 {{bank}} 辦理文件（簽署或下載已簽署副本）的一次性驗證碼為 {{code}}，將在 {{minutes}}後失效。", "請勿向任何人透露此驗證碼。{{bank}} 人員絕不會向您索取。"],
    },
    "signing.otp_sms": { subject: "{{bank}} 文件驗證碼", body: ["{{code}} 是您的 {{bank}} 文件驗證碼，{{minutes}}後失效。請勿透露給他人。"] },
    "signing.completed": {
      subject: "所有人皆已簽署：{{document}}",
      body: [
        "{{name}}，您好：",
        "所有簽署人皆已簽署 {{document}}。{{bank}} 已為文件加蓋電子印章。",
        { action: "下載您的已簽署副本" },
        "此連結僅供您本人使用，有效期為 {{days}}。開啟文件前我們會傳送一次性驗證碼給您。",
      ],
    },
    "signing.completed_sms": { subject: "{{bank}} 已簽署", body: ["{{bank}}：所有人皆已簽署 {{document}}。您的副本：", { action: "下載" }, "個人連結，有效期 {{days}}，需輸入一次性驗證碼。"] },
    "signing.declined": {
      subject: "簽署已取消：{{document}}",
      body: ["{{name}}，您好：", "有簽署人拒絕簽署 {{document}}，因此 {{bank}} 已取消此次請求。您無需再做任何操作，銀行會與您聯絡。"],
    },
    "signing.declined_sms": { subject: "{{bank}} 簽署已取消", body: ["{{bank}}：{{document}} 的簽署已取消，您無需操作。"] },
  },
};
