import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

/** Where the back office is mounted; every in-app path below is relative to it. */
export const BASE = "/app";
const CHANGE = "atrium:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => location.pathname + location.search;

/** The in-app path ("/users") of the current location. */
export function routePath(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  const clean = p.replace(/\/+$/, "");
  return clean === "" ? "/" : clean;
}

/** Re-renders on every navigation; returns the in-app path and the query string. */
export function useLocation(): { path: string; query: URLSearchParams } {
  useSyncExternalStore(subscribe, snapshot);
  return { path: routePath(), query: new URLSearchParams(location.search) };
}

export function href(to: string): string {
  return `${BASE}${to === "/" ? "/" : to}`;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const target = href(to);
  if (target === location.pathname + location.search) return;
  if (opts.replace) history.replaceState(null, "", target);
  else history.pushState(null, "", target);
  window.dispatchEvent(new Event(CHANGE));
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string };

/** An ordinary link (open in new tab still works) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={href(to)} onClick={handle} {...rest} />;
}
