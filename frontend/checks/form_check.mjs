// Drives the gateway's form page in headless Chromium (over the DevTools protocol, through
// playwright-core) for the Rust test `browser.rs`. Reads a plan on stdin:
// {base, token, chromium, cases: [{provider, account, query, body, field, typed, screenshot}]} and
// prints, per case, what the page showed: the status after a valid submit, and the field errors
// (by element id) for a body without a required field, from the browser's validation and, with
// it off, from the server.

import { chromium } from "playwright-core";

const plan = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));

const browser = await chromium.launch({
  executablePath: plan.chromium,
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

async function open(page, item) {
  await page.goto(`${plan.base}/form?provider=${item.provider}`);
  await page.waitForSelector("form.rjsf");
  await page.fill("#token", plan.token);
  await page.fill("#account", item.account);
  await page.fill("#more-query", item.query);
}

async function setBody(page, body) {
  await page.click("details summary");
  await page.fill("#body-json", JSON.stringify(body));
  await page.click("details summary");
}

async function answered(page) {
  await page.waitForSelector("#answer", { timeout: 15000 });
  return Number(await page.getAttribute("#answer", "data-status"));
}

// Every field error the form shows: its element's id and text.
async function fieldErrors(page) {
  await page.waitForSelector("[id$=__error]", { timeout: 5000 }).catch(() => null);
  return Object.fromEntries(
    await page.$$eval("[id$=__error]", (found) =>
      found.map((element) => [element.id, element.innerText.trim()]).filter(([, text]) => text),
    ),
  );
}

// The body without a required field: refused by the browser (nothing sent), then, with the
// browser's validation off, by the server, each error shown at the field.
async function leaveOut(page, item, result, posts) {
  await open(page, item);
  const { [item.field]: _, ...without } = item.body;
  await setBody(page, without);
  const before = posts.count;
  await page.click("button[type=submit]");
  result.browser_errors = await fieldErrors(page);
  // A request would have started on the click; give it time to show.
  await page.waitForTimeout(300);
  result.sent_with_browser_validation = posts.count > before;
  await page.uncheck("#browser-validation");
  await page.click("button[type=submit]");
  result.invalid_status = await answered(page);
  result.server_errors = await fieldErrors(page);
}

const results = [];
for (const item of plan.cases) {
  const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  const result = { provider: item.provider };
  const said = [];
  const posts = { count: 0 };
  page.on("request", (request) => request.method() === "POST" && (posts.count += 1));
  page.on("pageerror", (error) => said.push(`page error: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && said.push(message.text()));
  try {
    await open(page, item);
    await setBody(page, item.body);
    if (item.typed) {
      // One field typed as a person would.
      await page.fill(`#root_${item.typed.field}`, "");
      await page.type(`#root_${item.typed.field}`, item.typed.text);
    }
    await page.click("button[type=submit]");
    result.valid_status = await answered(page);
    result.valid_answer = JSON.parse(await page.innerText("#answer pre"));
    if (item.field) {
      await leaveOut(page, item, result, posts);
    }
    if (item.screenshot) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: item.screenshot });
    }
  } catch (error) {
    const shown = await page.innerText("body").catch(() => "");
    result.failure = [String(error).split("\n")[0], ...said, `the page shows: ${shown.slice(0, 1500)}`].join("; ");
  }
  await page.close();
  results.push(result);
}
await browser.close();
process.stdout.write(JSON.stringify(results));
