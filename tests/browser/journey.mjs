// The petition's whole life in Arabic without JavaScript, one person at a time: the citizen
// files it, a moderator publishes it, (signing: run.mjs), the citizen deposits it, a council
// officer records the bureau's decision and the council's answer. Every page is audited.

const PASSWORD = "tajine-sous-la-pluie-42";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

// A page without JavaScript, signed in as `email` (the sign-in form in Arabic).
async function signedIn(t, email) {
  const context = await t.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${t.base}/ar/account/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForURL(`${t.base}/ar`), page.click("main button[type=submit]")]);
  return { context, page };
}

const text = async (page, selector) => ((await page.locator(selector).count()) > 0 ? await page.textContent(selector) : "");

// The citizen files a petition with a document.
export async function journeyFile(t) {
  const { context, page } = await signedIn(t, "amina@example.ma");
  const about = encodeURIComponent("حافلات تارودانت");
  await page.goto(`${t.base}/ar/r/souss-massa/petitions/new?about=${about}`);
  t.check((await page.getAttribute("html", "dir")) === "rtl", "the filing page is right-to-left");
  await page.fill("#petition-title", "خط حافلات بين أكادير وتارودانت");
  await page.fill("#petition-request", "نطلب من المجلس إدراج إحداث خط حافلات جهوي في جدول أعماله.");
  await page.fill("#petition-reasons", "يتنقل مئات الطلبة والعمال يوميا بين المدينتين دون نقل عمومي منتظم.");
  await page.selectOption("#petition-competence", "regional_transport");
  await page.setInputFiles("#petition-attachments", { name: "خريطة.pdf", mimeType: "application/pdf", buffer: PDF });
  // First without confirming the conditions: explained, and nothing typed is lost.
  await Promise.all([page.waitForURL(/petitions\/new$/), page.click("form.filing button[type=submit]")]);
  t.check((await text(page, ".error-summary")).length > 0, "unconfirmed conditions are explained");
  t.check((await page.inputValue("#petition-title")) === "خط حافلات بين أكادير وتارودانت", "the title typed comes back");
  await t.audit(page, "filing form with errors (ar)");
  await page.setInputFiles("#petition-attachments", { name: "خريطة.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.check("#petition-conditions_accepted");
  await Promise.all([page.waitForURL(/petitions\/\d+$/), page.click("form.filing button[type=submit]")]);
  t.check((await text(page, ".notice")).includes("وصلت عريضتك"), "the petition is filed");
  t.check((await text(page, "main")).includes("خريطة.pdf"), "with its document");
  await t.audit(page, "petition in moderation (ar, representative)");
  console.log(`PETITION ${new URL(page.url()).pathname}`);
  await context.close();
}

// A moderator of the region publishes it from its page.
export async function journeyModerate(t, path) {
  const { context, page } = await signedIn(t, "mod@example.ma");
  await page.goto(`${t.base}/ar/r/souss-massa/moderation`);
  t.check((await page.locator(`a[href='${path}']`).count()) === 1, "the petition waits in the moderation queue");
  await t.audit(page, "moderation queue (ar)");
  await page.goto(`${t.base}${path}`);
  await t.audit(page, "moderation form (ar)");
  await page.check("#staff-decision-publish");
  await Promise.all([page.waitForURL(/#staff$/), page.click("#staff button[type=submit]")]);
  t.check((await text(page, "#staff .notice")).includes("سُجل القرار"), "the moderator's decision is recorded");
  t.check((await text(page, "main")).includes("مفتوحة للتوقيع"), "the petition is open for signing");
  await context.close();
}

// The representative deposits it once the threshold is met: a receipt with its reference.
export async function journeyDeposit(t, path) {
  const { context, page } = await signedIn(t, "amina@example.ma");
  await page.goto(`${t.base}${path}`);
  await t.audit(page, "petition ready to deposit (ar, representative)");
  // The page reloads on itself: wait for what only the deposited petition has.
  await Promise.all([
    page.waitForSelector(".council"),
    page.click("form:has(input[name=step][value=deposit]) button[type=submit]"),
  ]);
  t.check((await text(page, ".notice")).includes("أُودعت العريضة"), "the petition is deposited");
  t.check(/09-\d{4}-\d{5}/.test(await text(page, ".council")), "the receipt's reference is shown");
  t.check((await text(page, "main")).includes("مودعة لدى المجلس"), "its status says so");
  await t.audit(page, "deposited petition (ar)");
  await context.close();
}

// A council officer records the bureau's decision (admissible), then the council's answer with
// its document; the public page shows them on its timeline.
export async function journeyCouncil(t, path) {
  const { context, page } = await signedIn(t, "officer@example.ma");
  await page.goto(`${t.base}${path}`);
  await t.audit(page, "council form (ar)");
  await page.check("#staff-step-admissible");
  await page.fill("#staff-committee", "لجنة النقل");
  await page.fill("#staff-session", "2027-03");
  await Promise.all([page.waitForURL(/#staff$/), page.click("#staff form[enctype] button[type=submit]")]);
  t.check((await text(page, "#staff .notice")).includes("سُجلت الخطوة"), "the bureau's decision is recorded");
  t.check((await text(page, ".council")).includes("لجنة النقل"), "the committee is shown");
  await page.check("#staff-step-answer");
  await page.fill("#staff-answer", "قرر المجلس إدراج الخط في المخطط الجهوي للنقل لسنة 2027.");
  await page.setInputFiles("#staff-document", { name: "جواب.pdf", mimeType: "application/pdf", buffer: PDF });
  await Promise.all([page.waitForURL(/#staff$/), page.click("#staff form[enctype] button[type=submit]")]);
  t.check((await text(page, "#staff .notice")).includes("سُجلت الخطوة"), "the answer is recorded");
  await context.close();

  const visitor = await t.browser.newContext({ javaScriptEnabled: false });
  const publicPage = await visitor.newPage();
  await publicPage.goto(`${t.base}${path}`);
  const main = await text(publicPage, "main");
  t.check(main.includes("تمت الإجابة عنها"), "the public sees the petition answered");
  t.check(main.includes("المخطط الجهوي للنقل"), "with the council's answer");
  t.check(main.includes("جواب.pdf"), "and its document");
  t.check((await publicPage.locator(".timeline li").count()) >= 6, "every step is on the timeline");
  await t.audit(publicPage, "answered petition (ar, visitor)");
  await visitor.close();
}
