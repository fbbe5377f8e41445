/**
 * Renders identity-document data pages with a machine-readable zone into PNG/JPEG test images
 * (tests/fixtures/mrz/), with Debian's chromium through playwright-core. Run once by hand:
 *   npx tsx scripts/make-mrz-images.mjs
 * It writes the images and manifest.json (each image's MRZ lines and expected fields); the tests
 * read those files and never run this script. See tests/fixtures/mrz/README.md.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { composeMrz } from "../src/modules/checks/mrz/compose.ts";

const OUT = fileURLToPath(new URL("../tests/fixtures/mrz/", import.meta.url));

/** ICAO Doc 9303 specimens (Part 4 TD3, Part 5 TD1), as printed in the standard. */
const ICAO_TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];
const ICAO_TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"];

/** Synthetic holders (invented names, the specimen state UTO) with computed check digits. */
const SYNTHETIC_TD3 = composeMrz({ variant: "td3", documentCode: "P", issuingState: "UTO", surname: "HAMDAN", givenNames: "LAYLA NOOR", documentNumber: "C7Y40K2M1", nationality: "UTO", birthDate: "910305", sex: "F", expiryDate: "340917", optionalData: "" });
const ROTATED_TD3 = composeMrz({ variant: "td3", documentCode: "P", issuingState: "UTO", surname: "LINDQVIST", givenNames: "JOHAN ERIK", documentNumber: "X4K71Q2D8", nationality: "UTO", birthDate: "850621", sex: "M", expiryDate: "310228", optionalData: "8506211234" });
const SYNTHETIC_TD2 = composeMrz({ variant: "td2", documentCode: "I", issuingState: "UTO", surname: "COHEN", givenNames: "DAVID", documentNumber: "RT5519047", nationality: "UTO", birthDate: "020114", sex: "M", expiryDate: "330101" });

const IMAGES = [
  { file: "td3-specimen.png", title: "PASSPORT", holder: ["ERIKSSON", "ANNA MARIA", "12 AUG 1974"], lines: ICAO_TD3, width: 1000, source: "ICAO Doc 9303 Part 4 specimen" },
  { file: "td1-specimen.png", title: "IDENTITY CARD", holder: ["ERIKSSON", "ANNA MARIA", "12 AUG 1974"], lines: ICAO_TD1, width: 760, source: "ICAO Doc 9303 Part 5 specimen" },
  { file: "td3-synthetic.jpg", title: "PASSPORT", holder: ["HAMDAN", "LAYLA NOOR", "05 MAR 1991"], lines: SYNTHETIC_TD3, width: 1000, jpeg: true, source: "synthetic" },
  { file: "td3-rotated.png", title: "PASSPORT", holder: ["LINDQVIST", "JOHAN ERIK", "21 JUN 1985"], lines: ROTATED_TD3, width: 1000, rotate: 1.5, noise: true, source: "synthetic, rotated 1.5° with speckle noise" },
  { file: "td2-synthetic.png", title: "RESIDENCE DOCUMENT", holder: ["COHEN", "DAVID", "14 JAN 2002"], lines: SYNTHETIC_TD2, width: 860, source: "synthetic" },
  { file: "no-mrz.png", title: "LIBRARY CARD", holder: ["NOBODY", "NO ZONE", "01 JAN 2000"], lines: [], width: 760, source: "synthetic page without a machine-readable zone" },
];

/** A seeded speckle layer (mulberry32), so the noisy image is the same on every run. */
function speckles(seed, count, w, h) {
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let out = "";
  for (let i = 0; i < count; i++) {
    const grey = Math.floor(rnd() * 160);
    out += `<i style="left:${(rnd() * w).toFixed(1)}px;top:${(rnd() * h).toFixed(1)}px;width:${(1 + rnd() * 2).toFixed(1)}px;height:${(1 + rnd() * 2).toFixed(1)}px;background:rgb(${grey},${grey},${grey})"></i>`;
  }
  return out;
}

function html(img) {
  const labels = ["Surname / Nom", "Given names / Prénoms", "Date of birth / Date de naissance"];
  const rows = img.holder.map((v, i) => `<div class="l">${labels[i]}</div><div class="v">${v}</div>`).join("");
  const height = img.lines.length === 3 ? 560 : 520;
  return `<!doctype html><html><head><style>
    body { margin: 0; background: #fff; }
    .page { position: relative; width: ${img.width}px; height: ${height}px; padding: 28px 36px; box-sizing: border-box; background: #f4f1e8;
      font-family: "DejaVu Sans", sans-serif; color: #223; transform: rotate(${img.rotate ?? 0}deg); transform-origin: 50% 50%; }
    h1 { margin: 0 0 18px; font-size: 26px; letter-spacing: 4px; color: #345; }
    .photo { float: left; width: 150px; height: 190px; margin-right: 28px; background: linear-gradient(#c9ccd4, #9aa1ad); border-radius: 6px; }
    .l { font-size: 12px; color: #667; margin-top: 8px; } .v { font-size: 18px; font-weight: bold; }
    .mrz { position: absolute; left: 36px; bottom: 26px; font-family: "DejaVu Sans Mono", monospace; font-size: ${img.width < 800 ? 30 : 26}px;
      line-height: 1.45; letter-spacing: 1px; white-space: pre; color: #111; }
    i { position: absolute; display: block; border-radius: 50%; }
  </style></head><body><div class="page">
    <h1>${img.title}</h1><div class="photo"></div>${rows}
    <div class="mrz">${img.lines.map((l) => l.replace(/</g, "&lt;")).join("\n")}</div>
    ${img.noise ? speckles(20261123, 900, img.width, height) : ""}
  </div></body></html>`;
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 }, deviceScaleFactor: 1 });
  const manifest = [];
  for (const img of IMAGES) {
    await page.setContent(html(img));
    const box = { x: 0, y: 0, width: img.width + 20, height: (img.lines.length === 3 ? 560 : 520) + 20 };
    const bytes = await page.screenshot({ clip: box, type: img.jpeg ? "jpeg" : "png", ...(img.jpeg ? { quality: 82 } : {}) });
    writeFileSync(`${OUT}${img.file}`, bytes);
    manifest.push({ file: img.file, source: img.source, lines: img.lines });
    console.log(`${img.file}: ${bytes.length} bytes`);
  }
  writeFileSync(`${OUT}manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
} finally {
  await browser.close();
}
