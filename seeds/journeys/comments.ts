/**
 * Survey comments of the demo bank, in English, by answer band and topic. The public NPS file's
 * comments are a French retailer's (and the complaint narratives name real companies), so only
 * their rate is used (calibration COMMENT_RATE); the words are written for a bank.
 */
const BY_BAND: Record<"detractor" | "passive" | "promoter", Record<string, string[]>> = {
  detractor: {
    journey: [
      "The document upload kept failing on my phone.",
      "Far too many questions I had already answered before.",
      "Nobody told me what was happening after I sent the application.",
      "It took weeks to hear back, I nearly went elsewhere.",
      "I was asked for the same payslips twice.",
    ],
    call: ["I waited too long on hold and had to explain everything again.", "The agent could not answer my question and promised a call back that never came."],
    request: ["My complaint took far too long to resolve.", "The replacement card took more than a week to arrive."],
  },
  passive: {
    journey: ["Fine overall, but the income section was confusing.", "It worked, though I had to call to finish it.", "Decent, the app could remember where I stopped."],
    call: ["Helpful in the end, but the wait was long.", "The agent was polite, the fix took two calls."],
    request: ["Sorted, but I had to chase it.", "OK, the updates could be clearer."],
  },
  promoter: {
    journey: ["Opened in minutes from my phone, really easy.", "Clear steps and the money was there the next day.", "My adviser at the branch made the mortgage simple."],
    call: ["The agent solved it in one call, thank you.", "Quick and friendly, exactly what I needed."],
    request: ["New card arrived in two days.", "Address changed straight away, no paperwork."],
  },
};

export function commentFor(nps: number, topic: "journey" | "call" | "request", u: number): string {
  const band = nps <= 6 ? "detractor" : nps <= 8 ? "passive" : "promoter";
  const list = BY_BAND[band][topic] ?? [];
  return list[Math.floor(u * list.length)] ?? "";
}
