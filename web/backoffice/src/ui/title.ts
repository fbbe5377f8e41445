import { useEffect } from "react";

/** "Users · Atrium": the tab title follows the page and its language. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Atrium` : "Atrium";
  }, [title]);
}
