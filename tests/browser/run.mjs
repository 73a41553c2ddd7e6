// Browser journeys and accessibility audit, in headless Chromium.
// Usage: node run.mjs <base-url>   (CHROMIUM_PATH: the browser, default /usr/bin/chromium)
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.argv[2];
if (!base) {
  console.error("usage: node run.mjs <base-url>");
  process.exit(2);
}
const axeSource = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${message}`);
  if (!ok) failures.push(message);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

try {
  await withJavaScript();
  await withoutJavaScript();
  await accessibility();
} finally {
  await browser.close();
}

if (failures.length > 0) {
  console.error(`\n${failures.length} failure(s):\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("\nall browser checks passed");

async function withJavaScript() {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

  await page.goto(`${base}/ar`);
  check((await page.getAttribute("html", "dir")) === "rtl", "Arabic home page has dir=rtl");
  check((await page.getAttribute("html", "lang")) === "ar", "Arabic home page has lang=ar");
  await page.waitForSelector("form[data-hydrated=true]", { timeout: 15000 });
  check(true, "the page hydrated");
  const before = await page.locator(".region-card").count();
  await page.fill("#region-filter", "سوس");
  await page.waitForFunction(() => document.querySelectorAll(".region-card").length === 1, null, { timeout: 5000 });
  const shown = await page.locator(".region-card a").first().getAttribute("href");
  check(before === 12 && shown === "/ar/r/souss-massa", "typing in the filter narrows 12 regions to Souss-Massa without reloading");
  check(page.url() === `${base}/ar`, "the filter ran in the browser (no navigation)");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  check(!overflow, "no horizontal scrolling on a 360 px wide screen");
  await page.click("a[href='/ar/r/souss-massa']");
  await page.waitForURL(`${base}/ar/r/souss-massa`);
  await page.waitForSelector(".petition-rule");
  check((await page.textContent(".petition-rule")).includes("500"), "client navigation shows the region page");
  await page.click("a[hreflang=fr]");
  await page.waitForURL(`${base}/fr/r/souss-massa`);
  await page.waitForFunction(() => document.documentElement.lang === "fr" && document.documentElement.dir === "ltr");
  check((await page.textContent(".petition-rule")).includes("Une pétition citoyenne"), "switching language keeps the page and updates lang/dir");
  check(errors.length === 0, `no script errors (${errors.join(" | ")})`);
  await context.close();
}

async function withoutJavaScript() {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/ar`);
  check((await page.locator(".region-card").count()) === 12, "without JavaScript: the 12 regions are listed");
  await page.fill("#region-filter", "Dakhla");
  await Promise.all([page.waitForURL(/q=Dakhla/), page.press("#region-filter", "Enter")]);
  check((await page.locator(".region-card").count()) === 1, "without JavaScript: the filter form works");
  await page.click("a[href='/ar/r/dakhla-oued-ed-dahab']");
  await page.waitForURL(`${base}/ar/r/dakhla-oued-ed-dahab`);
  check((await page.textContent(".petition-rule")).includes("300"), "without JavaScript: the region page is complete");
  await context.close();
}

async function accessibility() {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const lang of ["ar", "zgh", "fr", "en"]) {
    for (const path of [`/${lang}`, `/${lang}/r/souss-massa`, `/${lang}/r/atlantide`]) {
      await page.goto(`${base}${path}`);
      await page.evaluate(axeSource);
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
      );
      const details = result.violations
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
        .join("; ");
      check(result.violations.length === 0, `axe WCAG 2.1 AA on ${path}: ${result.violations.length} violation(s) ${details}`);
    }
  }
  await context.close();
}
