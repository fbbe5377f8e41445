/** The survey page's strings (/c/{bank}/s/{surveyId}, web/customer/src/survey/*), merged into MESSAGES in ./i18n. */
import type { Locale } from "./i18n";

export interface SurveyMessages {
  surveyNotFound: string;
  closedTitle: string;
  closedText: string;
  usedTitle: string;
  usedText: string;
  expiredText: string;
  next: string;
  previous: string;
  submit: string;
  required: string;
  errRequired: string;
  errInvalid: string;
  errFormat: string;
  errTooMany: string;
  errTooFew: string;
  errTooLong: string;
  errRange: string;
  errSummary: string;
  errServer: string;
  rateLimited: string;
  offline: string;
  saving: string;
  saved: string;
  progress: string;
  choose: string;
  moveUp: string;
  moveDown: string;
  rankHint: string;
  ratingValue: string;
  duration: string;
  fileTooBig: string;
  fileType: string;
  fileRemove: string;
  uploading: string;
  uploaded: string;
  fieldName: string;
  fieldEmail: string;
  fieldPhone: string;
  fieldCompany: string;
  fieldLine1: string;
  fieldLine2: string;
  fieldCity: string;
  fieldRegion: string;
  fieldPostalCode: string;
  fieldCountry: string;
  redirecting: string;
  continue: string;
  quotaFull: string;
}

export const SURVEY_MESSAGES: Record<Locale, SurveyMessages> = {
  en: {
    surveyNotFound: "We could not find this survey. Check the link and try again.",
    closedTitle: "This survey is closed",
    closedText: "It no longer accepts answers. Thank you for your interest.",
    usedTitle: "Already answered",
    usedText: "This link has already been used. Thank you for your answers.",
    expiredText: "This link has expired.",
    next: "Next",
    previous: "Previous",
    submit: "Submit",
    required: "Required",
    errRequired: "Please answer this question.",
    errInvalid: "Please check this answer.",
    errFormat: "Please check the format of this answer.",
    errTooMany: "Choose at most {n}.",
    errTooFew: "Choose at least {n}.",
    errTooLong: "Use at most {n} characters.",
    errRange: "This answer is outside the allowed range.",
    errSummary: "Some answers need your attention.",
    errServer: "Something went wrong on our side. Please try again in a moment.",
    rateLimited: "Too many attempts. Please wait a minute and try again.",
    offline: "You seem to be offline. Your answers are kept on this page.",
    saving: "Saving…",
    saved: "Saved",
    progress: "Progress",
    choose: "Choose…",
    moveUp: "Move up: {item}",
    moveDown: "Move down: {item}",
    rankHint: "Use the arrows to put the items in your order, most important first.",
    ratingValue: "{value} of {points}",
    duration: "Takes about {duration}.",
    fileTooBig: "This file is too large. The limit is {size}.",
    fileType: "This type of file is not accepted.",
    fileRemove: "Remove the file",
    uploading: "Uploading…",
    uploaded: "Uploaded: {name}",
    fieldName: "Full name",
    fieldEmail: "Email address",
    fieldPhone: "Phone",
    fieldCompany: "Company",
    fieldLine1: "Address",
    fieldLine2: "Apartment, floor, etc.",
    fieldCity: "City",
    fieldRegion: "State or region",
    fieldPostalCode: "Postal code",
    fieldCountry: "Country",
    redirecting: "You will be taken to the next page in a moment.",
    continue: "Continue",
    quotaFull: "Thank you. We already have enough answers for this survey.",
  },
  he: {
    surveyNotFound: "לא מצאנו את הסקר הזה. יש לבדוק את הקישור ולנסות שוב.",
    closedTitle: "הסקר הזה סגור",
    closedText: "הוא כבר לא מקבל תשובות. תודה על ההתעניינות.",
    usedTitle: "כבר נענה",
    usedText: "כבר נעשה שימוש בקישור הזה. תודה על התשובות.",
    expiredText: "פג תוקפו של הקישור הזה.",
    next: "הבא",
    previous: "הקודם",
    submit: "שליחה",
    required: "חובה",
    errRequired: "יש לענות על השאלה הזו.",
    errInvalid: "יש לבדוק את התשובה הזו.",
    errFormat: "יש לבדוק את הפורמט של התשובה הזו.",
    errTooMany: "אפשר לבחור עד {n}.",
    errTooFew: "יש לבחור לפחות {n}.",
    errTooLong: "אפשר להקליד עד {n} תווים.",
    errRange: "התשובה הזו מחוץ לטווח המותר.",
    errSummary: "יש תשובות שדורשות את תשומת לבך.",
    errServer: "משהו השתבש אצלנו. אפשר לנסות שוב בעוד רגע.",
    rateLimited: "יותר מדי ניסיונות. יש להמתין דקה ולנסות שוב.",
    offline: "נראה שאין חיבור לאינטרנט. התשובות שלך נשמרות בדף הזה.",
    saving: "שומר…",
    saved: "נשמר",
    progress: "התקדמות",
    choose: "בחירה…",
    moveUp: "הזזה למעלה: {item}",
    moveDown: "הזזה למטה: {item}",
    rankHint: "אפשר להשתמש בחצים כדי לסדר את הפריטים לפי הסדר שלך, החשוב ביותר ראשון.",
    ratingValue: "{value} מתוך {points}",
    duration: "נמשך בערך {duration}.",
    fileTooBig: "הקובץ גדול מדי. המגבלה היא {size}.",
    fileType: "סוג הקובץ הזה אינו מתקבל.",
    fileRemove: "הסרת הקובץ",
    uploading: "מעלה…",
    uploaded: "הועלה: {name}",
    fieldName: "שם מלא",
    fieldEmail: "כתובת אימייל",
    fieldPhone: "טלפון",
    fieldCompany: "חברה",
    fieldLine1: "כתובת",
    fieldLine2: "דירה, קומה וכדומה",
    fieldCity: "עיר",
    fieldRegion: "מחוז או אזור",
    fieldPostalCode: "מיקוד",
    fieldCountry: "מדינה",
    redirecting: "בעוד רגע נעביר אותך לדף הבא.",
    continue: "המשך",
    quotaFull: "תודה. כבר יש לנו מספיק תשובות לסקר הזה.",
  },
  ar: {
    surveyNotFound: "تعذّر العثور على هذا الاستبيان. تحقّق من الرابط وحاول مرة أخرى.",
    closedTitle: "هذا الاستبيان مغلق",
    closedText: "لم يعد يقبل إجابات. شكرًا لاهتمامك.",
    usedTitle: "تمت الإجابة بالفعل",
    usedText: "تم استخدام هذا الرابط من قبل. شكرًا على إجاباتك.",
    expiredText: "انتهت صلاحية هذا الرابط.",
    next: "التالي",
    previous: "السابق",
    submit: "إرسال",
    required: "مطلوب",
    errRequired: "يرجى الإجابة عن هذا السؤال.",
    errInvalid: "يرجى التحقق من هذه الإجابة.",
    errFormat: "يرجى التحقق من صيغة هذه الإجابة.",
    errTooMany: "اختر {n} كحدّ أقصى.",
    errTooFew: "اختر {n} على الأقل.",
    errTooLong: "استخدم {n} حرفًا كحدّ أقصى.",
    errRange: "هذه الإجابة خارج النطاق المسموح به.",
    errSummary: "بعض الإجابات تحتاج إلى انتباهك.",
    errServer: "حدث خطأ من جهتنا. يرجى المحاولة مرة أخرى بعد قليل.",
    rateLimited: "محاولات كثيرة جدًا. يرجى الانتظار دقيقة ثم المحاولة مرة أخرى.",
    offline: "يبدو أنك غير متصل بالإنترنت. إجاباتك محفوظة في هذه الصفحة.",
    saving: "جارٍ الحفظ…",
    saved: "تم الحفظ",
    progress: "التقدّم",
    choose: "اختر…",
    moveUp: "نقل إلى الأعلى: {item}",
    moveDown: "نقل إلى الأسفل: {item}",
    rankHint: "استخدم الأسهم لترتيب العناصر حسب رأيك، الأهم أولًا.",
    ratingValue: "{value} من {points}",
    duration: "يستغرق حوالي {duration}.",
    fileTooBig: "هذا الملف كبير جدًا. الحد الأقصى {size}.",
    fileType: "هذا النوع من الملفات غير مقبول.",
    fileRemove: "إزالة الملف",
    uploading: "جارٍ الرفع…",
    uploaded: "تم الرفع: {name}",
    fieldName: "الاسم الكامل",
    fieldEmail: "البريد الإلكتروني",
    fieldPhone: "الهاتف",
    fieldCompany: "الشركة",
    fieldLine1: "العنوان",
    fieldLine2: "الشقة أو الطابق أو غير ذلك",
    fieldCity: "المدينة",
    fieldRegion: "المنطقة أو الولاية",
    fieldPostalCode: "الرمز البريدي",
    fieldCountry: "الدولة",
    redirecting: "سننقلك إلى الصفحة التالية بعد لحظات.",
    continue: "متابعة",
    quotaFull: "شكرًا لك. لدينا ما يكفي من الإجابات لهذا الاستبيان.",
  },
  "zh-Hans": {
    surveyNotFound: "找不到此问卷。请检查链接后重试。",
    closedTitle: "此问卷已关闭",
    closedText: "它不再接受回答。感谢您的关注。",
    usedTitle: "已经回答过",
    usedText: "此链接已被使用。感谢您的回答。",
    expiredText: "此链接已过期。",
    next: "下一步",
    previous: "上一步",
    submit: "提交",
    required: "必填",
    errRequired: "请回答此问题。",
    errInvalid: "请检查此回答。",
    errFormat: "请检查此回答的格式。",
    errTooMany: "最多选择 {n} 项。",
    errTooFew: "至少选择 {n} 项。",
    errTooLong: "最多输入 {n} 个字符。",
    errRange: "此回答超出允许的范围。",
    errSummary: "有些回答需要您留意。",
    errServer: "我们这边出了问题。请稍后重试。",
    rateLimited: "尝试次数过多。请等待一分钟后重试。",
    offline: "您似乎已离线。您的回答仍保留在此页面上。",
    saving: "正在保存…",
    saved: "已保存",
    progress: "进度",
    choose: "请选择…",
    moveUp: "上移：{item}",
    moveDown: "下移：{item}",
    rankHint: "使用箭头按您的顺序排列各项，最重要的排在最前。",
    ratingValue: "{points} 分中的 {value} 分",
    duration: "大约需要 {duration}。",
    fileTooBig: "文件太大。上限为 {size}。",
    fileType: "不接受此类型的文件。",
    fileRemove: "删除文件",
    uploading: "正在上传…",
    uploaded: "已上传：{name}",
    fieldName: "姓名",
    fieldEmail: "电子邮箱",
    fieldPhone: "电话",
    fieldCompany: "公司",
    fieldLine1: "地址",
    fieldLine2: "门牌号、楼层等",
    fieldCity: "城市",
    fieldRegion: "省份或地区",
    fieldPostalCode: "邮政编码",
    fieldCountry: "国家或地区",
    redirecting: "稍后将带您前往下一页。",
    continue: "继续",
    quotaFull: "谢谢。此问卷已收集到足够的回答。",
  },
  "zh-Hant": {
    surveyNotFound: "找不到此問卷。請檢查連結後再試一次。",
    closedTitle: "此問卷已關閉",
    closedText: "它不再接受回答。感謝您的關注。",
    usedTitle: "已經回答過",
    usedText: "此連結已被使用。感謝您的回答。",
    expiredText: "此連結已過期。",
    next: "下一步",
    previous: "上一步",
    submit: "送出",
    required: "必填",
    errRequired: "請回答此問題。",
    errInvalid: "請檢查此回答。",
    errFormat: "請檢查此回答的格式。",
    errTooMany: "最多選擇 {n} 項。",
    errTooFew: "至少選擇 {n} 項。",
    errTooLong: "最多輸入 {n} 個字元。",
    errRange: "此回答超出允許的範圍。",
    errSummary: "有些回答需要您留意。",
    errServer: "我們這邊出了問題。請稍後再試。",
    rateLimited: "嘗試次數過多。請等待一分鐘後再試。",
    offline: "您似乎已離線。您的回答仍保留在此頁面上。",
    saving: "儲存中…",
    saved: "已儲存",
    progress: "進度",
    choose: "請選擇…",
    moveUp: "上移：{item}",
    moveDown: "下移：{item}",
    rankHint: "使用箭頭依您的順序排列各項，最重要的排在最前。",
    ratingValue: "{points} 分中的 {value} 分",
    duration: "大約需要 {duration}。",
    fileTooBig: "檔案太大。上限為 {size}。",
    fileType: "不接受此類型的檔案。",
    fileRemove: "移除檔案",
    uploading: "上傳中…",
    uploaded: "已上傳：{name}",
    fieldName: "姓名",
    fieldEmail: "電子郵件",
    fieldPhone: "電話",
    fieldCompany: "公司",
    fieldLine1: "地址",
    fieldLine2: "門牌號碼、樓層等",
    fieldCity: "城市",
    fieldRegion: "州／省或地區",
    fieldPostalCode: "郵遞區號",
    fieldCountry: "國家或地區",
    redirecting: "稍後將帶您前往下一頁。",
    continue: "繼續",
    quotaFull: "謝謝。此問卷已收集到足夠的回答。",
  },
};
