/**
 * The electronic-records consent a signer accepts before signing (ESIGN §7001(c) style
 * disclosure): what they agree to, the right to paper copies, the right to withdraw, what they
 * need, and how to update contact details. Its version is recorded with the consent; changing
 * any text means a new version.
 */
import type { Lang } from "../render";

export const CONSENT_VERSION = "esign-2026-11-1";

export interface ConsentText {
  version: string;
  title: string;
  sections: Array<{ heading: string; text: string }>;
}

type Texts = { title: string; sections: Array<[string, string]> };

const TEXTS: Record<Lang, Texts> = {
  en: {
    title: "Consent to electronic records and signatures",
    sections: [
      [
        "What you agree to",
        "You agree to receive the documents of this transaction electronically and to sign them with an electronic signature, which has the same effect as a signature on paper. Your consent covers only these documents.",
      ],
      [
        "Paper copies",
        "You may ask the bank for a paper copy of any document you sign here, free of charge, at any branch or by contacting the bank, within 3 years of signing.",
      ],
      [
        "Withdrawing your consent",
        "You may withdraw this consent at any time before you sign by declining to sign or by telling the bank. Withdrawing does not affect what you have already signed; the bank will then continue the transaction on paper, which may take longer.",
      ],
      [
        "What you need",
        "A current web browser (recent Chrome, Safari, Firefox or Edge), a program that opens PDF files, and a mobile phone or email address that can receive the one-time codes and your signed copies.",
      ],
      ["Keeping your details up to date", "If your phone number or email address changes, tell the bank at a branch or through your usual contact so that your documents and codes reach you."],
    ],
  },
  he: {
    title: "הסכמה למסמכים ולחתימות אלקטרוניים",
    sections: [
      [
        "למה ההסכמה מתייחסת",
        "ההסכמה היא לקבל את מסמכי העסקה הזו באופן אלקטרוני ולחתום עליהם בחתימה אלקטרונית, שתוקפה כתוקף חתימה על נייר. ההסכמה חלה על מסמכים אלה בלבד.",
      ],
      ["עותקים מודפסים", "אפשר לבקש מהבנק עותק מודפס של כל מסמך שנחתם כאן, ללא תשלום, בכל סניף או בפנייה לבנק, עד 3 שנים ממועד החתימה."],
      [
        "ביטול ההסכמה",
        "אפשר לבטל את ההסכמה בכל עת לפני החתימה, בסירוב לחתום או בהודעה לבנק. הביטול אינו משפיע על מסמכים שכבר נחתמו; הבנק ימשיך את העסקה על גבי נייר, והדבר עשוי להאריך את התהליך.",
      ],
      [
        "מה נדרש",
        "דפדפן אינטרנט עדכני (גרסה חדשה של Chrome‏, Safari‏, Firefox או Edge), תוכנה לפתיחת קובצי PDF, וטלפון נייד או כתובת דוא״ל לקבלת קודים חד-פעמיים ועותקים חתומים.",
      ],
      ["עדכון פרטי הקשר", "אם מספר הטלפון או כתובת הדוא״ל משתנים, יש לעדכן את הבנק בסניף או בערוץ הקשר הרגיל, כדי שהמסמכים והקודים יגיעו ליעדם."],
    ],
  },
  ar: {
    title: "الموافقة على السجلات والتوقيعات الإلكترونية",
    sections: [
      ["ما الذي توافق عليه", "توافق على استلام مستندات هذه المعاملة إلكترونيًا وتوقيعها بتوقيع إلكتروني له الأثر نفسه للتوقيع على الورق. تشمل موافقتك هذه المستندات فقط."],
      ["النسخ الورقية", "يحق لك طلب نسخة ورقية من أي مستند توقّعه هنا مجانًا، من أي فرع أو بالتواصل مع البنك، خلال 3 سنوات من تاريخ التوقيع."],
      [
        "سحب الموافقة",
        "يمكنك سحب هذه الموافقة في أي وقت قبل التوقيع برفض التوقيع أو بإبلاغ البنك. لا يؤثر السحب على ما وقّعته من قبل؛ وسيواصل البنك المعاملة ورقيًا، وقد يستغرق ذلك وقتًا أطول.",
      ],
      ["ما تحتاج إليه", "متصفح إنترنت حديث (إصدار حديث من Chrome أو Safari أو Firefox أو Edge)، وبرنامج لفتح ملفات PDF، وهاتف محمول أو بريد إلكتروني لاستلام الرموز لمرة واحدة ونسخك الموقّعة."],
      ["تحديث بيانات الاتصال", "إذا تغيّر رقم هاتفك أو بريدك الإلكتروني، فأبلغ البنك في أحد الفروع أو عبر قناة الاتصال المعتادة حتى تصلك المستندات والرموز."],
    ],
  },
  "zh-Hans": {
    title: "电子记录和电子签名同意书",
    sections: [
      ["您同意的内容", "您同意以电子方式接收本次交易的文件，并以电子签名签署，电子签名与纸质签名具有同等效力。本同意仅适用于这些文件。"],
      ["纸质副本", "您可在签署后 3 年内，在任何网点或联系银行，免费索取您在此签署的任何文件的纸质副本。"],
      ["撤回同意", "在签署之前，您可随时通过拒绝签署或告知银行来撤回本同意。撤回不影响您已签署的文件；银行将改以纸质方式继续办理，所需时间可能更长。"],
      ["所需条件", "最新版网页浏览器（较新版本的 Chrome、Safari、Firefox 或 Edge）、可打开 PDF 文件的程序，以及可接收一次性验证码和已签署副本的手机或电子邮箱。"],
      ["更新联系方式", "如您的手机号码或电子邮箱发生变化，请到网点或通过常用联系渠道告知银行，以确保文件和验证码能送达给您。"],
    ],
  },
  "zh-Hant": {
    title: "電子紀錄及電子簽名同意書",
    sections: [
      ["您同意的內容", "您同意以電子方式接收本次交易的文件，並以電子簽名簽署，電子簽名與紙本簽名具有同等效力。本同意僅適用於這些文件。"],
      ["紙本副本", "您可在簽署後 3 年內，於任何分行或聯絡銀行，免費索取您在此簽署之任何文件的紙本副本。"],
      ["撤回同意", "在簽署之前，您可隨時以拒絕簽署或告知銀行的方式撤回本同意。撤回不影響您已簽署的文件；銀行將改以紙本方式繼續辦理，所需時間可能較長。"],
      ["所需條件", "最新版網頁瀏覽器（較新版本的 Chrome、Safari、Firefox 或 Edge）、可開啟 PDF 檔案的程式，以及可接收一次性驗證碼和已簽署副本的手機或電子郵件信箱。"],
      ["更新聯絡資料", "如您的手機號碼或電子郵件地址有所變更，請至分行或透過慣用的聯絡管道告知銀行，以確保文件和驗證碼能送達給您。"],
    ],
  },
};

/** The consent text in `language` (English for an unknown one). */
export function consentFor(language: string): ConsentText {
  const t = TEXTS[language as Lang] ?? TEXTS.en;
  return { version: CONSENT_VERSION, title: t.title, sections: t.sections.map(([heading, text]) => ({ heading, text })) };
}
