/**
 * The application page, one small bundle for three addresses:
 *   /c/{bank}/a/{token}         a customer's application link (code, flow, status)
 *   /c/{bank}/apply             the bank's products that can be opened online
 *   /c/{bank}/apply/{product}   the short start form
 * No cookies, no inline scripts; the session token stays in this tab (sessionStorage).
 */
import "../styles.css";
import "./apply.css";
import { openApplication } from "./app";
import { productList, startForm } from "./public";
import { message, redraw } from "./shell";

const decode = (part: string) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return "";
  }
};

const [, c, bank = "", kind = "", id = ""] = location.pathname.replace(/\/+$/, "").split("/").map(decode);
redraw(false);
if (c !== "c" || !bank) message("wrongLinkTitle", "wrongLinkText");
else if (kind === "a" && id) void openApplication(id, bank);
else if (kind === "apply" && id) void startForm(bank, id);
else if (kind === "apply") void productList(bank);
else message("wrongLinkTitle", "wrongLinkText");
