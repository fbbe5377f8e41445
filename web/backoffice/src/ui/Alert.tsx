import type { ReactNode } from "react";

/**
 * Live regions for messages. The region element is always rendered (empty when there is nothing
 * to say) so screen readers announce the text when it appears.
 */
export function ErrorMessage({ children }: { children?: ReactNode }) {
  return (
    <div role="alert" className={children ? "alert alert--error" : "alert-slot"}>
      {children}
    </div>
  );
}

export function StatusMessage({ children, tone = "success" }: { children?: ReactNode; tone?: "success" | "info" }) {
  return (
    <div role="status" className={children ? `alert alert--${tone}` : "alert-slot"}>
      {children}
    </div>
  );
}
