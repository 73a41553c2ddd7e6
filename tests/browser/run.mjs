// Browser journeys and accessibility audit, in headless Chromium.
// Usage: node run.mjs <base-url>   (CHROMIUM_PATH: the browser, default /usr/bin/chromium)
import { mkdirSync, readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { journeyConsultation, journeyCouncil, journeyDeposit, journeyFile, journeyFraud, journeyGuides, journeyIdentity, journeyModerate, journeyPaper, journeyReview, journeyStaff } from "./journey.mjs";

const [base, scenario = "regions", argument] = process.argv.slice(2);
if (!base) {
  console.error(
    "usage: node run.mjs <base-url> [regions | account-register | account-sign-in <verification-path> | petition-sign <petition-path> | petition-confirm <confirmation-path> | audit-signed-in <email> <path>... | journey-file | journey-moderate <petition-path> | journey-deposit <petition-path> | journey-council <petition-path> | journey-staff <petition-path> | journey-paper <petition-path> | journey-fraud <petition-path> | journey-consultation <consultation-path> | journey-review <consultation-path> | journey-guides <guide-path> | journey-identity <identity-path> | screenshots <dir> <path>...]",
  );
  process.exit(2);
}
const axeSource = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const failures = [];
let auditPage; // see audit()
// A scenario that hangs fails instead of holding the test run.
setTimeout(() => {
  console.error("FAIL browser scenario timed out after 180 s");
  process.exit(1);
}, 180_000).unref();
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
  if (scenario === "regions") {
    await withJavaScript();
    await withoutJavaScript();
    await accessibility();
  } else if (scenario === "account-register") {
    await accountRegister();
  } else if (scenario === "account-sign-in") {
    await accountSignIn(argument);
  } else if (scenario === "petition-sign") {
    await petitionSign(argument);
  } else if (scenario === "petition-confirm") {
    await petitionConfirm(argument);
  } else if (scenario.startsWith("journey-")) {
    const t = { browser, base, check, audit };
    const steps = {
      "journey-file": journeyFile,
      "journey-moderate": journeyModerate,
      "journey-deposit": journeyDeposit,
      "journey-council": journeyCouncil,
      "journey-staff": journeyStaff,
      "journey-paper": journeyPaper,
      "journey-fraud": journeyFraud,
      "journey-consultation": journeyConsultation,
      "journey-review": journeyReview,
      "journey-guides": journeyGuides,
      "journey-identity": journeyIdentity,
    };
    await (steps[scenario] ?? (() => check(false, `unknown scenario ${scenario}`)))(t, argument);
  } else if (scenario === "screenshots") {
    await screenshots(argument, process.argv.slice(5));
  } else if (scenario === "audit-signed-in") {
    await auditSignedIn(argument, process.argv.slice(5));
  } else {
    check(false, `unknown scenario ${scenario}`);
  }
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

// Pages without JavaScript cannot run axe: their HTML is audited in a page that can, on the same
// origin (so the stylesheet applies), with the hydration bundle blocked (so the HTML stays as is).
async function audit(noScriptPage, label) {
  const html = await noScriptPage.content();
  if (!auditPage) {
    auditPage = await (await browser.newContext()).newPage();
    await auditPage.route("**/pkg/**", (route) => route.abort());
  }
  await auditPage.goto(`${base}/healthz`);
  await auditPage.setContent(html, { waitUntil: "load" });
  await axeCheck(auditPage, label);
}

async function axeCheck(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  const details = result.violations
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
    .join("; ");
  check(result.violations.length === 0, `axe WCAG 2.1 AA on ${label}: ${result.violations.length} violation(s) ${details}`);
}

// Without JavaScript, in Arabic: register (first with mistakes), then the check-email page.
async function accountRegister() {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}/ar/account/register`);
  check((await page.getAttribute("html", "dir")) === "rtl", "register page is right-to-left");
  await audit(page, "/ar/account/register");
  await page.fill("#email", "amina@example");
  await page.fill("#display_name", "أمينة التازي");
  await page.fill("#password", "123");
  await page.click("main button[type=submit]");
  await page.waitForSelector(".error-summary");
  check((await page.locator(".error-summary li").count()) === 2, "two mistakes are listed");
  check((await page.inputValue("#display_name")) === "أمينة التازي", "what was typed is kept");
  await audit(page, "/ar/account/register with errors");
  await page.fill("#email", "amina@example.ma");
  await page.fill("#password", "tajine-sous-la-pluie-42");
  await Promise.all([page.waitForURL(`${base}/ar/account/check-email`), page.click("main button[type=submit]")]);
  check((await page.textContent("h1")).includes("تفقد بريدك الإلكتروني"), "the check-email page follows");
  await audit(page, "/ar/account/check-email");
  await context.close();

  const withScript = await browser.newContext();
  const other = await withScript.newPage();
  for (const lang of ["ar", "zgh", "fr", "en"]) {
    for (const form of ["register", "sign-in", "forgot-password", "reset-password?token=x"]) {
      await other.goto(`${base}/${lang}/account/${form}`);
      await axeCheck(other, `/${lang}/account/${form}`);
    }
  }
  await withScript.close();
}

// Without JavaScript, in Arabic: open the link from the email, confirm, sign in, sign out.
async function accountSignIn(path) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}${path}`);
  await audit(page, "/ar/account/verify");
  await Promise.all([page.waitForURL(`${base}/ar/account/sign-in`), page.click("main button[type=submit]")]);
  check((await page.textContent(".notice")).includes("تم تأكيد"), "the address is confirmed");
  await audit(page, "/ar/account/sign-in");
  await page.fill("#email", "amina@example.ma");
  await page.fill("#password", "tajine-sous-la-pluie-42");
  await Promise.all([page.waitForURL(`${base}/ar`), page.click("main button[type=submit]")]);
  check((await page.textContent(".account-menu")).includes("متصل باسم أمينة التازي"), "signed in: the header says who");
  await audit(page, "/ar signed in");
  await page.click(".account-menu a[href='/ar/account']");
  await page.waitForURL(`${base}/ar/account`);
  check((await page.textContent(".my-data")).includes("amina@example.ma"), "my account shows my data");
  await audit(page, "/ar/account");
  await page.click(".account-menu a[href='/ar/admin']");
  await page.waitForURL(`${base}/ar/admin`);
  check((await page.locator("table").count()) === 1, "the admin page lists staff roles");
  await audit(page, "/ar/admin");
  await page.goto(`${base}/ar/audit`);
  check((await page.locator("table").count()) === 1, "the audit log lists its entries");
  await audit(page, "/ar/audit");
  await page.goto(`${base}/ar/admin/regions/souss-massa`);
  check((await page.locator("form input[name='settings[collection_days]']").count()) === 1, "an admin gets a region's settings form");
  await audit(page, "/ar/admin/regions/souss-massa");
  await page.goto(`${base}/ar/admin/users`);
  await page.fill("#users-q", "amina");
  await Promise.all([page.waitForURL(`${base}/ar/admin/users?q=amina`), page.click("form[role=search] button[type=submit]")]);
  check((await page.locator("table tbody tr").count()) === 1, "an admin finds Amina's account");
  await audit(page, "/ar/admin/users?q=amina");
  await page.goto(`${base}/zgh/admin/outbox`);
  check((await page.locator("nav.tabs a[aria-current=page]").count()) === 1, "the outbox shows its two lists");
  await audit(page, "/zgh/admin/outbox");
  await page.goto(`${base}/ar/r/souss-massa/petitions/new?about=${encodeURIComponent("حافلات")}`);
  check((await page.locator("form.filing").count()) === 1, "a signed-in citizen gets the filing form");
  await audit(page, "/ar/r/souss-massa/petitions/new");
  await page.goto(`${base}/ar`);
  await page.click(".account-menu button");
  await page.waitForSelector(".account-menu a[href='/ar/account/sign-in']");
  check((await page.locator(".account-menu a[href='/ar/account/sign-in']").count()) === 1, "signed out");
  await context.close();
}

async function accessibility() {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const lang of ["ar", "zgh", "fr", "en"]) {
    for (const path of [`/${lang}`, `/${lang}/r/souss-massa`, `/${lang}/r/atlantide`]) {
      await page.goto(`${base}${path}`);
      await axeCheck(page, path);
    }
  }
  await context.close();
}

// In Arabic: the petition page hydrates without errors; then, without JavaScript, the list and
// the page pass axe, a mistake in the signature form is explained, and a right form sends the link.
async function petitionSign(path) {
  const live = await browser.newContext();
  const livePage = await live.newPage();
  const errors = [];
  livePage.on("pageerror", (e) => errors.push(String(e)));
  livePage.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await livePage.goto(`${base}${path}`);
  await livePage.waitForLoadState("networkidle");
  check(errors.length === 0, `the petition page hydrates without script errors (${errors.join(" | ")})`);
  await live.close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const list = path.replace(/\/\d+$/, "");
  await page.goto(`${base}${list}`);
  check((await page.locator(".petition-card").count()) === 1, "the region's list shows the petition");
  await audit(page, list);
  await page.goto(`${base}${path}`);
  check((await page.getAttribute("html", "dir")) === "rtl", "the petition page is right-to-left");
  await audit(page, path);
  await page.fill("#sign-full_name", "يوسف العمراني");
  await page.fill("#sign-cin", "12345");
  await page.selectOption("#sign-province", "agadir-ida-outanane");
  await page.fill("#sign-email", "youssef@example.ma");
  await page.check("#sign-electoral_roll");
  await page.check("#sign-consent");
  await Promise.all([page.waitForURL(/#sign$/), page.click("#sign button[type=submit]")]);
  check((await page.textContent(".error-summary")).includes("رقم البطاقة غير صحيح"), "a malformed CIN is explained");
  check((await page.inputValue("#sign-full_name")) === "يوسف العمراني", "the name typed comes back");
  await audit(page, `${path} with errors`);
  await page.fill("#sign-cin", "AB123456");
  await page.check("#sign-electoral_roll");
  await page.check("#sign-consent");
  await Promise.all([page.waitForURL(/#sign$/), page.click("#sign button[type=submit]")]);
  check((await page.textContent("#sign .notice")).includes("أرسلنا رابطًا"), "the confirmation link is sent");
  await context.close();
}

// Without JavaScript, in Arabic: the emailed link's page confirms the signature with a button.
async function petitionConfirm(path) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}${path}`);
  await audit(page, "confirmation page");
  await Promise.all([page.waitForURL(/#sign$/), page.click("main button[type=submit]")]);
  check((await page.textContent("#sign .notice")).includes("تم احتساب توقيعك"), "the signature is confirmed");
  check((await page.textContent(".progress-total")).includes("1"), "and counted");
  await audit(page, "petition page after signing");
  await context.close();
}

// Without JavaScript: sign in as <email>, then audit each page (staff pages, forms included).
async function auditSignedIn(email, paths) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}/fr/account/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", "tajine-sous-la-pluie-42");
  await Promise.all([page.waitForURL(`${base}/fr`), page.click("main button[type=submit]")]);
  for (const path of paths) {
    const response = await page.goto(`${base}${path}`);
    check(response.status() === 200, `${email} opens ${path}`);
    await audit(page, `${path} (${email})`);
  }
  await context.close();
}

// The main pages in Arabic and French, at a phone's width and a desktop's, saved as PNG files in
// `dir` (the tests' output) to be looked at; none scrolls sideways on the phone; each passes axe,
// in Amazigh and English too.
async function screenshots(dir, paths) {
  mkdirSync(dir, { recursive: true });
  for (const [width, height] of [[360, 740], [1280, 800]]) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    for (const lang of ["ar", "fr"]) {
      for (const path of paths) {
        const response = await page.goto(`${base}/${lang}${path}`);
        check(response.status() === 200, `${lang}${path} opens at ${width} px`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        check(!overflow, `${lang}${path} does not scroll sideways at ${width} px`);
        const name = `${lang}${path}`.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "");
        const file = `${dir}/${name}-${width}.png`;
        await page.screenshot({ path: file, fullPage: true });
        console.log(`     screenshot ${file}`);
        if (width > 360) await axeCheck(page, `${lang}${path}`);
      }
    }
    await context.close();
  }
  // The same pages in Amazigh and English pass axe too.
  const page = await (await browser.newContext()).newPage();
  for (const lang of ["zgh", "en"]) {
    for (const path of paths) {
      await page.goto(`${base}/${lang}${path}`);
      await axeCheck(page, `${lang}${path}`);
    }
  }
  await page.context().close();
}
