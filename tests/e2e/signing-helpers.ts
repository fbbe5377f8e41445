/** Signing browser-test helpers: the envelope as the tests read it, and a finger-like drawing on the pad. */
import type { Page } from "playwright-core";

export interface Envelope {
  id: string;
  status: string;
  sealStatus: string;
  sealError: string | null;
  documents: { id: string; signedSha256: string | null }[];
  signers: { status: string; authMethod: string | null }[];
}

/** Draws a wavy stroke across the pad with pointer (mouse) moves, like a finger would. */
export async function drawSignature(page: Page): Promise<void> {
  const box = await page.locator("#sign-pad").boundingBox();
  if (!box) throw new Error("the signature pad is not on the page");
  const y0 = box.y + box.height / 2;
  await page.mouse.move(box.x + 20, y0);
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 30), y0 + Math.sin(i / 3) * (box.height / 4), { steps: 2 });
  await page.mouse.up();
  await page.mouse.move(box.x + box.width / 3, y0 - 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 3 + 30, y0 + 25, { steps: 6 });
  await page.mouse.up();
}
