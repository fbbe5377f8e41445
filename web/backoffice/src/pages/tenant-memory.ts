const KEY = "atrium.tenant";

/** The bank last signed in to on this device, so its field stays filled. */
export function rememberedTenant(): string {
  try {
    return localStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

export function rememberTenant(slug: string): void {
  try {
    if (slug) localStorage.setItem(KEY, slug);
    else localStorage.removeItem(KEY);
  } catch {
    // storage unavailable: nothing to remember
  }
}
