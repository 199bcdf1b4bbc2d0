// Bundles the workbench (our modules + Leaflet + topojson-client) into
// src/conflictwire/web/static/dist, and copies the Natural Earth country outlines
// from the world-atlas package beside it: every asset is served by the app itself.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, "../../src/conflictwire/web/static/dist");
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: resolve(here, "src/main.js") },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "iife",
  target: ["es2020"],
  outdir: out,
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "assets/[name]-[hash]",
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync(resolve(here, "node_modules/world-atlas/countries-50m.json"), resolve(out, "countries-50m.json"));
console.log(`workbench built into ${out}`);
