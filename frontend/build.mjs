// Builds the static assets Django serves: compiled CSS, NHS.UK JavaScript and images, axe-core.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "liaison", "static", "nhsuk");
const dist = join(here, "node_modules", "nhsuk-frontend", "dist", "nhsuk");

mkdirSync(out, { recursive: true });
const css = sass.compile(join(here, "liaison.scss"), {
  loadPaths: [join(here, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "liaison.css"), css.css);
cpSync(join(dist, "nhsuk-frontend.min.js"), join(out, "nhsuk-frontend.min.js"));
cpSync(join(dist, "assets"), join(out, "assets"), { recursive: true });
console.log(`built ${out}`);
