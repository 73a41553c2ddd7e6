// The petition's whole life in Arabic without JavaScript, one person at a time: the citizen
// files it, a moderator publishes it, (signing: run.mjs), the citizen deposits it, a council
// officer records the bureau's decision and the council's answer. Every page is audited.

const PASSWORD = "tajine-sous-la-pluie-42";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

// A page without JavaScript, signed in as `email` (the sign-in form in `lang`, Arabic by default).
async function signedIn(t, email, lang = "ar") {
  const context = await t.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${t.base}/${lang}/account/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForURL(`${t.base}/${lang}`), page.click("main button[type=submit]")]);
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

// A moderator of the region finds it on the staff dashboard (from the header), then publishes it
// from its page.
export async function journeyModerate(t, path) {
  const { context, page } = await signedIn(t, "mod@example.ma");
  await Promise.all([
    page.waitForURL(`${t.base}/ar/r/souss-massa/staff`),
    page.click(".account-menu a[href='/ar/r/souss-massa/staff']"),
  ]);
  t.check((await page.locator(`#moderation a[href='${path}']`).count()) === 1, "the dashboard lists the petition to moderate");
  await t.audit(page, "staff dashboard (ar, moderator)");
  await Promise.all([
    page.waitForURL(`${t.base}/ar/r/souss-massa/moderation`),
    page.click("#moderation p a[href='/ar/r/souss-massa/moderation']"),
  ]);
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
  t.check((await page.inputValue("#staff-session")) === "2027-03", "the next ordinary session is proposed");
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

// A consultation without JavaScript, in the language of `path` (/fr/… or /ar/…): a citizen
// answers the questionnaire (a mistake first) and makes a proposal, another supports it, and a
// council officer opens the management, correction, results and new-consultation pages. Every page is
// audited.
export async function journeyConsultation(t, path) {
  const lang = path.split("/")[1];
  const said = {
    fr: { saved: "vos réponses sont enregistrées", proposed: "Votre proposition est publiée.", supported: "Votre soutien est compté." },
    ar: { saved: "سُجّلت أجوبتك", proposed: "نُشر مقترحك.", supported: "احتُسب دعمك." },
  }[lang];
  const region = `${t.base}/${lang}/r/souss-massa/consultations`;
  // A citizen per language, so that each starts with an empty questionnaire.
  const citizen = lang === "fr" ? "amina@example.ma" : "karima@example.ma";
  const { context, page } = await signedIn(t, citizen, lang);
  await page.goto(region);
  t.check((await page.getAttribute("html", "lang")) === lang, `the consultations list is in ${lang}`);
  t.check((await page.locator(`a[href='${path}']`).count()) === 1, "the open consultation is listed");
  await t.audit(page, `consultations list (${lang})`);
  await page.goto(`${t.base}${path}`);
  await t.audit(page, `consultation page (${lang})`);
  const questions = page.locator("fieldset.question");
  // First the choice only: the scale question's answer is missing.
  await questions.nth(0).locator("input[type=radio]").nth(0).check();
  await Promise.all([page.waitForURL(/#answer$/), page.click("#answer-form button[type=submit]")]);
  t.check((await page.locator(".error-summary li").count()) === 1, "the missing answer is listed");
  t.check((await page.locator("fieldset.question .field-error").count()) === 1, "beside its question");
  t.check(await questions.nth(0).locator("input[type=radio]").nth(0).isChecked(), "the choice given is kept");
  await t.audit(page, `questionnaire with errors (${lang})`);
  await questions.nth(1).locator("input[type=radio]").nth(3).check();
  await page.check("#answer-audience");
  await Promise.all([page.waitForURL(/#answer$/), page.click("#answer-form button[type=submit]")]);
  t.check((await text(page, "#answer .notice")).includes(said.saved), "the answers are recorded");
  t.check(await questions.nth(1).locator("input[type=radio]").nth(3).isChecked(), "the saved answer fills the form");
  // A proposal.
  await page.fill("#proposal-title", lang === "fr" ? "Une navette vers l'université" : "حافلة نحو الجامعة");
  await page.fill(
    "#proposal-body",
    lang === "fr" ? "Une navette matin et soir entre Taroudant et Agadir pour les étudiants." : "حافلة صباحا ومساء بين تارودانت وأكادير لفائدة الطلبة.",
  );
  await Promise.all([page.waitForURL(/proposals\/\d+$/), page.click("form:has(#proposal-title) button[type=submit]")]);
  t.check((await text(page, ".notice")).includes(said.proposed), "the proposal is published");
  await t.audit(page, `proposal page (${lang}, author)`);
  const proposal = new URL(page.url()).pathname;
  await context.close();

  const other = await signedIn(t, "omar@example.ma", lang);
  await other.page.goto(`${t.base}${proposal}`);
  await Promise.all([
    other.page.waitForURL(new RegExp(`${proposal}$`)),
    other.page.click("form.support button[type=submit]"),
  ]);
  t.check((await text(other.page, ".notice")).includes(said.supported), "another citizen supports it");
  await t.audit(other.page, `proposal page after support (${lang})`);
  await other.context.close();

  const officer = await signedIn(t, "officer@example.ma", lang);
  for (const [where, label] of [
    [`${path}/manage`, "management page"],
    [`${path}/correct`, "correction form, texts only while open"],
    [`${path}/results`, "results while open"],
    [`/${lang}/r/souss-massa/consultations/new`, "new consultation form"],
  ]) {
    await officer.page.goto(`${t.base}${where}`);
    await t.audit(officer.page, `${label} (${lang})`);
  }
  t.check((await text(officer.page, "main")).length > 0, "the officer's pages are served");
  await officer.context.close();
}

// The review of free-text answers before results, without JavaScript, in the language of `path`
// (a closed consultation whose texts wait for review): the officer tries to publish and is told
// to review first; on the review page the text flagged as personal data is hidden, the other
// kept; then the results go out, and a visitor sees the kept text only. Every page is audited.
export async function journeyReview(t, path) {
  const lang = path.split("/")[1];
  const said = {
    fr: { unreviewed: "attendent encore leur relecture", flagged: "un numéro de téléphone", published: "publiés" },
    ar: { unreviewed: "تنتظر المراجعة", flagged: "رقم هاتف", published: "نُشرت" },
  }[lang];
  const officer = await signedIn(t, "officer@example.ma", lang);
  const page = officer.page;
  await page.goto(`${t.base}${path}/manage`);
  await Promise.all([page.waitForURL(/\/manage$/), page.click("form:has(input[value=publish_results]) button[type=submit]")]);
  t.check((await text(page, ".error-summary")).includes(said.unreviewed), "publishing waits for the review");
  await t.audit(page, `management page, texts unreviewed (${lang})`);
  await Promise.all([page.waitForURL(/\/review$/), page.click(`a[href$='${path}/review']`)]);
  t.check((await page.getAttribute("html", "dir")) === (lang === "ar" ? "rtl" : "ltr"), "the review page has its direction");
  const texts = page.locator("#texts li");
  t.check((await texts.count()) === 2, "both texts wait for review");
  await t.audit(page, `review page (${lang})`);
  // The text that carries a phone number is flagged: hide it for personal data.
  const flagged = texts.filter({ hasText: said.flagged });
  t.check((await flagged.count()) === 1, "the text with a phone number is flagged");
  await flagged.locator("select[name=reason]").selectOption("personal_data");
  await Promise.all([page.waitForURL(/\/review#texts$/), flagged.locator("button.danger").click()]);
  await t.audit(page, `review page after a decision (${lang})`);
  const rest = page.locator("#texts li");
  t.check((await rest.count()) === 1, "one text is still due");
  await Promise.all([page.waitForURL(/\/review#texts$/), rest.locator("button:not(.danger)").click()]);
  t.check((await page.locator("#texts li").count()) === 0, "no text is due any more");
  await page.goto(`${t.base}${path}/manage`);
  await Promise.all([page.waitForURL(/\/manage$/), page.click("form:has(input[value=publish_results]) button[type=submit]")]);
  t.check((await text(page, ".notice")).includes(said.published), "the results are published");
  await officer.context.close();

  const visitorContext = await t.browser.newContext({ javaScriptEnabled: false });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${t.base}${path}/results`);
  const main = await text(visitor, "main");
  t.check(main.includes("bus") || main.includes("حافلات"), "the kept text is published");
  t.check(!main.includes("0612345678"), "the hidden text is not");
  await t.audit(visitor, `published results with texts (${lang}, visitor)`);
  await visitorContext.close();
}

// The staff's workspace in French: the council officer reaches the region's dashboard from the
// header, finds the deposited petition with the days left for the bureau, and chooses one daily
// summary of the alerts.
export async function journeyStaff(t, path) {
  const { context, page } = await signedIn(t, "officer@example.ma", "fr");
  await Promise.all([
    page.waitForURL(`${t.base}/fr/r/souss-massa/staff`),
    page.click(".account-menu a[href='/fr/r/souss-massa/staff']"),
  ]);
  const french = path.replace(/^\/ar\//, "/fr/");
  t.check((await page.locator(`#decisions a[href='${french}']`).count()) === 1, "the deposited petition waits for the bureau");
  t.check((await text(page, "#decisions")).includes("Il reste"), "with the days left");
  await t.audit(page, "staff dashboard (fr, officer)");
  await page.check("#alerts-daily");
  await Promise.all([page.waitForURL(/staff#alerts$/), page.click("#alerts button[type=submit]")]);
  t.check((await text(page, "#alerts .notice")).includes("Votre choix d'alertes est enregistré"), "the choice of alerts is saved");
  t.check(await page.isChecked("#alerts-daily"), "and shown checked");
  await t.audit(page, "staff dashboard after saving the alerts (fr)");
  await context.close();
}

// A council officer enters a paper sheet from the petition's page (its language from the path):
// one typed row, previewed, then recorded.
export async function journeyPaper(t, path) {
  const lang = path.split("/")[1];
  const { context, page } = await signedIn(t, "officer@example.ma", lang);
  await Promise.all([
    page.waitForURL(`${t.base}/${lang}/r/souss-massa/staff`),
    page.click(`.account-menu a[href='/${lang}/r/souss-massa/staff']`),
  ]);
  await page.goto(`${t.base}${path}`);
  await Promise.all([page.waitForURL(/\/paper$/), page.click(`#staff a[href='${path}/paper']`)]);
  await t.audit(page, `paper signatures (${lang})`);
  await page.fill("#entry-reference", `Feuilles ${lang}`);
  await page.fill("#name_1", lang === "ar" ? "أمينة الإدريسي" : "Amina Idrissi");
  await page.fill("#cin_1", lang === "ar" ? "JB700002" : "JB700001");
  await page.selectOption("#province_1", { index: 1 });
  await page.check("#entry-declaration");
  await Promise.all([page.waitForURL(/\/paper\?batch=\d+/), page.click("#entry button[type=submit]")]);
  t.check((await page.locator("#preview form").count()) === 2, "the preview offers to record or discard");
  await t.audit(page, `paper preview (${lang})`);
  await Promise.all([
    page.waitForURL(/#preview$/),
    page.click("#preview form:has(input[name=action][value=record]) button"),
  ]);
  t.check((await page.locator(".notice").count()) === 1, "the batch is recorded");
  t.check((await text(page, "#batches")).includes(`Feuilles ${lang}`), "and listed");
  await context.close();
}

// A moderator finds the region's moderation page from the dashboard, then reviews the petition's
// online signatures: selects the largest network and invalidates it (Arabic), or undoes the
// invalidation (French).
export async function journeyFraud(t, path) {
  const lang = path.split("/")[1];
  const { context, page } = await signedIn(t, "mod@example.ma", lang);
  await Promise.all([
    page.waitForURL(`${t.base}/${lang}/r/souss-massa/staff`),
    page.click(`.account-menu a[href='/${lang}/r/souss-massa/staff']`),
  ]);
  await page.goto(`${t.base}/${lang}/r/souss-massa/moderation`);
  await t.audit(page, `moderation page (${lang})`);
  await page.goto(`${t.base}${path}`);
  await Promise.all([page.waitForURL(/\/review$/), page.click(`#staff a[href='${path}/review']`)]);
  await t.audit(page, `fraud review (${lang})`);
  if (lang === "ar") {
    await Promise.all([page.waitForURL(/\?network=/), page.click("#sources-heading ~ table a")]);
    t.check((await text(page, "#selection [role=status]")).length > 0, "the selection is counted");
    await page.fill("#invalidation-reason", "توقيعات آلية من شبكة واحدة");
    await Promise.all([page.waitForURL(/#invalidations$/), page.click("#selection button.danger")]);
    t.check((await page.locator("#invalidations .notice").count()) === 1, "the signatures are invalidated");
    await t.audit(page, "fraud review after invalidating (ar)");
    await page.goto(`${t.base}${path}`);
    t.check((await text(page, ".removals")).includes("توقيعات آلية من شبكة واحدة"), "the petition's page says why");
  } else {
    await Promise.all([page.waitForURL(/#invalidations$/), page.click("#invalidations button")]);
    t.check((await page.locator("#invalidations .notice").count()) === 1, "the invalidation is undone");
    await t.audit(page, "fraud review after undoing (fr)");
  }
  await context.close();
}

// A council officer opens the library, adopts the national guide of `path` (`/{lang}/guides/{id}`)
// for their region, adapts the copy's title and publishes it; a visitor then reads the copy in
// the region's list, its numbers the region's. French: Souss-Massa's officer; Arabic: Oriental's.
export async function journeyGuides(t, path) {
  const lang = path.split("/")[1];
  const [email, region] = lang === "ar" ? ["officer-oriental@example.ma", "oriental"] : ["officer@example.ma", "souss-massa"];
  const { context, page } = await signedIn(t, email, lang);
  await page.goto(`${t.base}/${lang}/guides`);
  await t.audit(page, `guides library (${lang})`);
  await Promise.all([page.waitForURL(`${t.base}${path}`), page.click(`.guide-list a[href='${path}']`)]);
  t.check((await page.locator("aside.note a").count()) === 12, "the national guide links to each region's reading");
  await t.audit(page, `national guide (${lang})`);
  await Promise.all([page.waitForURL(/\/edit$/), page.click("form[action='/fn/adopt_guide'] button")]);
  t.check((await page.locator(".notice").count()) === 1, "the guide is adopted as a draft");
  await t.audit(page, `guide form (${lang})`);
  const [field, title] =
    lang === "ar" ? ["#guide-title", "كيف تقدمون عريضة إلى مجلس {{region}}"] : ["#guide-title_fr", "Pétitionner en {{region}} : le guide du conseil"];
  await page.fill(field, title);
  await Promise.all([page.waitForURL(/\?draft=1$/), page.click("form[action='/fn/save_guide'] button[type=submit]")]);
  t.check((await page.locator(".notice").count()) === 1, "the draft is saved");
  await Promise.all([page.waitForURL(/\/guides\/\d+$/), page.click("form[action='/fn/publish_guide'] button")]);
  t.check((await text(page, ".notice")).length > 0, "the copy is published");
  await t.audit(page, `adopted guide (${lang})`);
  await context.close();

  const visitor = await (await t.browser.newContext({ javaScriptEnabled: false })).newPage();
  await visitor.goto(`${t.base}/${lang}/r/${region}/guides`);
  const expected = lang === "ar" ? "كيف تقدمون عريضة إلى مجلس الجهة الشرقية" : "Pétitionner en Souss-Massa : le guide du conseil";
  t.check((await text(visitor, ".guide-list")).includes(expected), "the region's list has its copy, with its name filled in");
  await t.audit(visitor, `region's guides (${lang}, visitor)`);
  await visitor.context().close();
}

// A 1×1 PNG, the council's logo.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

// A council officer sets the council's identity from the staff dashboard (a colour too pale
// first), uploads its logo; a visitor sees the band, the presentation and the contact.
// Submits the form of `button`, whose answer brings the page back to `path` (the same address):
// waits for that page's own load, not for the address it already has.
async function submitAndReturn(page, path, button) {
  const back = page.waitForResponse((r) => r.request().method() === "GET" && new URL(r.url()).pathname === path && r.request().isNavigationRequest());
  await page.click(button);
  await back;
  await page.waitForLoadState("load");
}

export async function journeyIdentity(t, path) {
  const [, lang, , region] = path.split("/");
  const email = lang === "ar" ? "officer-oriental@example.ma" : "officer@example.ma";
  const { context, page } = await signedIn(t, email, lang);
  await page.goto(`${t.base}/${lang}/r/${region}/staff`);
  await Promise.all([page.waitForURL(`${t.base}${path}`), page.click(`a[href='${path}']`)]);
  await t.audit(page, `identity form (${lang})`);
  const presentation = lang === "ar" ? "مجلس الجهة الشرقية في خدمة ساكنتها." : "Le conseil de Souss-Massa, au service de ses habitants.";
  await page.fill("#identity-colour", "#ffd700");
  await page.fill("#identity-address", lang === "ar" ? "شارع محمد الخامس، وجدة" : "Avenue Hassan II, Agadir");
  await page.fill("#identity-email", `contact@${region}.ma`);
  await page.fill("#identity-phone", "+212 536 00 11 22");
  await page.fill(`#identity-presentation_${lang}`, presentation);
  await submitAndReturn(page, path, "form[action='/fn/save_identity'] button[type=submit]");
  t.check((await page.locator(".error-summary").count()) === 1, "a colour too pale for white text is refused and explained");
  t.check((await page.inputValue(`#identity-presentation_${lang}`)) === presentation, "what was typed is kept");
  await t.audit(page, `identity form with a mistake (${lang})`);
  await page.fill("#identity-colour", "#7a1f3d");
  await submitAndReturn(page, path, "form[action='/fn/save_identity'] button[type=submit]");
  t.check((await page.locator(".notice").count()) === 1, "the identity is saved");
  await page.setInputFiles("#identity-logo", { name: "logo.png", mimeType: "image/png", buffer: PNG });
  await submitAndReturn(page, path, "form[action='/regions/logo'] button[type=submit]");
  t.check((await page.locator("main img.council-logo").count()) === 1, "the logo is uploaded and shown");
  await t.audit(page, `identity form with a logo (${lang})`);
  await context.close();

  const visitor = await (await t.browser.newContext({ javaScriptEnabled: false })).newPage();
  await visitor.goto(`${t.base}/${lang}/r/${region}`);
  t.check((await visitor.locator(".council-band img.council-logo").count()) === 1, "the region's pages show the council's band with its logo");
  t.check((await text(visitor, ".council-presentation")).includes(presentation), "the region's page presents the council");
  t.check((await text(visitor, ".council-contact")).includes(`contact@${region}.ma`), "the footer gives the council's contact");
  const band = await visitor.evaluate(() => getComputedStyle(document.querySelector(".council-band")).backgroundColor);
  t.check(band === "rgb(122, 31, 61)", `the band wears the council's colour (${band})`);
  await t.audit(visitor, `region page with its council (${lang}, visitor)`);
  await visitor.context().close();
}
