// Alongside front-end build (plain Node, no bundler). Run with `npm run build`.
//
// Writes everything into alongside/static/dist/ (removed and rebuilt each time):
//   alongside.css              GOV.UK Frontend + Alongside styles (compressed)
//   govuk-frontend.min.js      GOV.UK Frontend JavaScript
//   axe.min.js                 axe-core, injected by accessibility tests
//   favicon.svg                Alongside's own icon (no crown)
//   openmoji/<HEXCODE>.svg     pictures listed in alongside/pictures.py
//   openmoji/LICENSE.txt       OpenMoji licence (CC BY-SA 4.0)
//
// GOV.UK Frontend's assets are NOT copied: assets/images are all crown-branded
// (favicons, govuk-crest, govuk-icon-*, opengraph image, rebrand/) and
// assets/fonts is the GDS Transport font; both are reserved for GOV.UK.

import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nodeModules = join(root, "node_modules");
const dist = join(root, "alongside", "static", "dist");
const picturesFile = join(root, "alongside", "pictures.py");

const BRAND_COLOUR = "#005a5b";

class BuildError extends Error {}

function fail(message) {
  throw new BuildError(message);
}

function copy(from, to) {
  if (!existsSync(from)) fail(`Missing file: ${relative(root, from)} (did you run "npm ci"?)`);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

function buildCss() {
  const result = sass.compile(join(root, "frontend", "alongside.scss"), {
    loadPaths: [nodeModules],
    style: "compressed",
    quietDeps: true, // GOV.UK Frontend's own Sass deprecation warnings
    sourceMap: false,
  });
  // The footer's copyright logo (the royal crest) is hidden in our styles and never copied;
  // drop its url() too, so production's manifest storage does not look for a missing file.
  const css = result.css.replace(/[a-z-]*image:url\("[^"]*govuk-crest\.svg"\);?/g, "");
  if (/govuk-crest/.test(css)) fail("alongside.css still refers to the GOV.UK crest");
  if (/GDS Transport/i.test(css)) fail("alongside.css mentions the GDS Transport font, which is reserved for GOV.UK");
  if (/@font-face/i.test(css)) fail("alongside.css has an @font-face rule; we only use system fonts");
  writeFileSync(join(dist, "alongside.css"), css + "\n");
}

function buildFavicon() {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <title>Alongside</title>
  <rect width="64" height="64" rx="14" fill="${BRAND_COLOUR}"/>
  <path d="M19 49 L32 14 L45 49 M23.5 37.5 H40.5" fill="none" stroke="#ffffff" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;
  writeFileSync(join(dist, "favicon.svg"), svg);
}

// Reads the PICTURES dict from alongside/pictures.py (the single source of
// truth). Each entry must be on its own line as  "name": "HEXCODE",
export function readPictures(text = readFileSync(picturesFile, "utf8")) {
  const block = text.match(/^PICTURES(?:\s*:[^=\n]*)?\s*=\s*\{\n([\s\S]*?)^\}/m);
  if (!block) fail(`Could not find "PICTURES = {...}" in ${relative(root, picturesFile)}`);
  const pictures = new Map();
  for (const [index, rawLine] of block[1].split("\n").entries()) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const entry = line.match(/^"([a-z0-9-]+)"\s*:\s*"([0-9A-F]+(?:-[0-9A-F]+)*)"\s*,?\s*(?:#.*)?$/);
    if (!entry) fail(`Cannot read line ${index + 1} of PICTURES in ${relative(root, picturesFile)}: ${line}`);
    const [, name, hexcode] = entry;
    if (pictures.has(name)) fail(`Picture "${name}" is listed twice in ${relative(root, picturesFile)}`);
    pictures.set(name, hexcode);
  }
  if (pictures.size === 0) fail(`No pictures found in ${relative(root, picturesFile)}`);
  return pictures;
}

function copyPictures() {
  const source = join(nodeModules, "openmoji", "color", "svg");
  const pictures = readPictures();
  const missing = [];
  for (const [name, hexcode] of pictures) {
    const from = join(source, `${hexcode}.svg`);
    if (!existsSync(from)) {
      missing.push(`${name} (${hexcode})`);
      continue;
    }
    copy(from, join(dist, "openmoji", `${hexcode}.svg`));
  }
  if (missing.length) {
    fail(`OpenMoji has no colour SVG for: ${missing.join(", ")}. Check the hexcodes in ${relative(root, picturesFile)}.`);
  }
  copy(join(nodeModules, "openmoji", "LICENSE.txt"), join(dist, "openmoji", "LICENSE.txt"));
  return pictures.size;
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

function report(pictureCount) {
  const files = listFiles(dist).sort();
  const topLevel = files.filter((f) => !f.includes(`${join(dist, "openmoji")}/`));
  console.log(`Built ${relative(root, dist)}/:`);
  for (const file of topLevel) {
    const kb = (statSync(file).size / 1024).toFixed(1);
    console.log(`  ${relative(dist, file).padEnd(28)} ${kb.padStart(7)} KB`);
  }
  console.log(`  openmoji/                    ${pictureCount} pictures + LICENSE.txt`);
}

function main() {
  const started = Date.now();
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });

  buildCss();
  copy(join(nodeModules, "govuk-frontend", "dist", "govuk", "govuk-frontend.min.js"), join(dist, "govuk-frontend.min.js"));
  copy(join(nodeModules, "axe-core", "axe.min.js"), join(dist, "axe.min.js"));
  buildFavicon();
  const pictureCount = copyPictures();

  report(pictureCount);
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (error) {
    console.error(`\nFront-end build FAILED: ${error instanceof BuildError ? error.message : error.stack || error}`);
    process.exit(1);
  }
}
