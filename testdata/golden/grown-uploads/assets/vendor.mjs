// Copies the JavaScript the pages use from node_modules into internal/web/static/dist, so the
// app serves it itself and works offline. Run by `npm run build`; add a line to copy more.
//
// htmx is pinned to 2.0.x on purpose: npm's latest is 4.x, whose API changed, while 2.0.x is
// the stable line that the htmx documentation and most tutorials describe. Alpine comes from
// @alpinejs/csp, its build that runs under the app's Content-Security-Policy (no eval).
import { copyFileSync, mkdirSync } from "node:fs";

const dist = "internal/web/static/dist";
mkdirSync(dist, { recursive: true });

copyFileSync("node_modules/htmx.org/dist/htmx.min.js", `${dist}/htmx.min.js`);
copyFileSync("node_modules/@alpinejs/csp/dist/cdn.min.js", `${dist}/alpine.min.js`);

console.log(`Copied htmx.min.js and alpine.min.js to ${dist}`);
