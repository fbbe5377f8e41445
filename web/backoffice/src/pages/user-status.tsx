import { useTranslation } from "react-i18next";
import type { User } from "../api/types";

export function isLocked(u: Pick<User, "lockedUntil">): boolean {
  return u.lockedUntil !== null && new Date(u.lockedUntil).getTime() > Date.now();
}

export function UserStatusBadge({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.status === "disabled") return <span className="badge badge--muted">{t("users.status.disabled")}</span>;
  if (isLocked(user)) return <span className="badge badge--warn">{t("users.status.locked")}</span>;
  return <span className="badge badge--ok">{t("users.status.active")}</span>;
}
