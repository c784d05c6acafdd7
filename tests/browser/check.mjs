// Real-browser checks of the live race page, the OBS overlay and the post-session review, in Debian's Chromium
// (headless) driven by playwright-core, which never downloads a browser: it is pointed at the system one.
// Usage: node check.mjs --dll PATH/crewchief.dll --out DIR [--ibt FILE.ibt] [--chromium /usr/bin/chromium]
// Exit 0: every check passed; 1: a check failed (the reason on stderr); 3: cannot run here (reason on stderr).
// Screenshots go to --out (live.png, overlay.png, review-demo.png, review-ibt.png).
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? acc.concat([[a.slice(2), all[i + 1]]]) : acc), []));
const dll = args.dll, out = args.out, ibt = args.ibt;
const chromiumPath = args.chromium || "/usr/bin/chromium";
if (!dll || !out) { console.error("usage: node check.mjs --dll crewchief.dll --out DIR [--ibt FILE]"); process.exit(3); }
if (!fs.existsSync(chromiumPath)) { console.error(`skip: no Chromium at ${chromiumPath} (apt-get install chromium)`); process.exit(3); }
let chromium;
try { ({ chromium } = await import("playwright-core")); }
catch { console.error("skip: playwright-core is not installed (bash scripts/browser-deps.sh)"); process.exit(3); }

fs.mkdirSync(out, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cc-browser-"));
const failures = [];
const check = (ok, what) => { console.log(`${ok ? "ok  " : "FAIL"} ${what}`); if (!ok) failures.push(what); };
const sleep = ms => new Promise(r => setTimeout(r, ms));

const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu"] });
let demo;
try {
  // 1. The live page from a running demo at 10x.
  demo = spawn("dotnet", [dll, "demo", "--minutes", "5", "--speed", "10", "--text-only", "--dashboard-port", "0", "--log-dir", path.join(tmp, "live"), "--no-history"],
    { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  demo.stdout.on("data", d => { stdout += d; });
  demo.stderr.on("data", d => { stdout += d; });
  let url = null;
  for (let i = 0; i < 300 && !url; i++) { await sleep(100); url = (stdout.match(/dashboard: (http:\/\/[0-9.:]+\/)/) || [])[1]; }
  check(url !== null, "demo prints the dashboard URL");
  if (!url) throw new Error("no dashboard URL in the demo's output:\n" + stdout);

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", e => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => Number(document.body.dataset.updates || 0) > 0, null, { timeout: 20000 });
  const read = () => page.evaluate(() => ({
    updates: Number(document.body.dataset.updates), pos: document.getElementById("pos").textContent,
    fuel: document.getElementById("fuel-l").textContent, call: document.getElementById("pitcall").textContent,
    metres: document.getElementById("pit-metres").textContent, lap: document.getElementById("lap").textContent,
    relative: document.querySelectorAll("#relative tr").length, lines: document.querySelectorAll("#lines .line").length,
  }));
  // The pit-call timer counts once pit entry is known (learned at the first stop, lap 2-3 of the 5-minute race):
  // watch until it has shown a few different readings or the race (30 s at 10x) is over.
  const seen = [];
  const calls = () => new Set(seen.map(s => s.call).filter(c => /GREEN|AMBER|RED|LATE/.test(c))).size;
  for (let i = 0; i < 70 && !(i >= 24 && calls() >= 3); i++) { seen.push(await read()); await sleep(500); }
  const distinct = k => new Set(seen.map(s => s[k])).size;
  const last = seen[seen.length - 1];
  console.log("live page samples:", JSON.stringify({ first: seen[0], last }));
  const secs = seen.length / 2;
  check(last.updates - seen[0].updates >= 4 * secs, `the page updates at ~10 Hz (${last.updates - seen[0].updates} messages in ${secs} s)`);
  check(distinct("pos") > 1, `position changes with the race (${[...new Set(seen.map(s => s.pos))].join(" ")})`);
  check(distinct("fuel") > 1, `fuel changes with the race (${seen[0].fuel} -> ${last.fuel})`);
  check(calls() >= 2 && distinct("metres") > 2, `the pit-call timer counts down (${[...new Set(seen.map(s => s.call))].slice(-6).join(" | ")})`);
  check(last.relative >= 5, `the relative lists the cars around (${last.relative} rows)`);
  check(last.lines > 0, `the transcript shows callouts (${last.lines})`);
  check(errors.length === 0, "no script errors on the live page " + errors.join("; "));
  await page.screenshot({ path: path.join(out, "live.png"), fullPage: true });

  // 2. The overlay: transparent background, rendered with the same feed.
  const overlay = await browser.newPage({ viewport: { width: 960, height: 420 } });
  await overlay.goto(url + "overlay");
  await overlay.waitForFunction(() => Number(document.body.dataset.updates || 0) > 0, null, { timeout: 10000 });
  const bg = await overlay.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor, document.body.className]);
  check(bg[0] === "rgba(0, 0, 0, 0)" && bg[1] === "rgba(0, 0, 0, 0)" && bg[2] === "overlay", `overlay background is transparent (${bg.join(", ")})`);
  const png = await overlay.screenshot({ path: path.join(out, "overlay.png"), omitBackground: true });
  check(pngHasAlpha(png), "overlay screenshot keeps an alpha channel (transparent PNG)");
  await overlay.close();
  await page.close();
  demo.kill("SIGINT");
  await new Promise(r => demo.once("exit", r));
  demo = null;

  // 3. The review of a whole demo race (flat out) and of a real .ibt.
  const logDir = path.join(tmp, "fast");
  execFileSync("dotnet", [dll, "demo", "--minutes", "5", "--fast", "--log-dir", logDir, "--no-history"], { stdio: "ignore" });
  const log = fs.readdirSync(logDir).filter(f => f.endsWith(".jsonl.gz")).map(f => path.join(logDir, f))[0];
  await review(log, "review-demo");
  if (ibt) await review(ibt, "review-ibt");
  else console.log("skip: no --ibt given (../shared absent): the review of a real .ibt was not checked");
} catch (e) {
  failures.push(String(e && e.message || e));
  console.error(e);
} finally {
  if (demo) demo.kill("SIGKILL");
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (failures.length) { console.error(`${failures.length} browser check(s) failed:\n  ` + failures.join("\n  ")); process.exit(1); }
console.log("browser checks: all passed; screenshots in " + out);

async function review(input, name) {
  const html = path.join(tmp, name + ".html");
  execFileSync("dotnet", [dll, "review", input, "--out", html], { stdio: "inherit" });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", e => errors.push(e.message));
  await page.goto("file://" + html);
  await page.waitForFunction(() => document.body.dataset.ready === "1", null, { timeout: 15000 });
  const charts = await page.evaluate(() => [...document.querySelectorAll(".chart")].map(c => ({ id: c.id, points: Number(c.dataset.points || 0), canvas: !!c.querySelector("canvas") })));
  const charts2 = await page.evaluate(() => [...document.querySelectorAll(".chart")].map(c => c.dataset.emptyReason || ""));
  charts.forEach((c, i) => {
    // An .ibt holds only the player's car (no CarIdx arrays): no gaps exist to plot, and the page says so.
    if (name === "review-ibt" && c.id === "chart-gaps" && charts2[i] === "no-other-cars") { console.log(`ok   ${name}: ${c.id} says the recording has no other cars`); return; }
    check(c.points > 0 && c.canvas, `${name}: ${c.id} is drawn with data (${c.points} points)`);
  });
  check(charts.length === 7, `${name}: all 7 charts present`);
  check(errors.length === 0, `${name}: no script errors ` + errors.join("; "));
  await page.screenshot({ path: path.join(out, name + ".png"), fullPage: true });
  fs.copyFileSync(html, path.join(out, name + ".html"));
  await page.close();
}

function pngHasAlpha(buf) {
  // IHDR colour type at byte 25: 6 = RGBA (4 = grey + alpha).
  return buf.length > 26 && buf.toString("ascii", 12, 16) === "IHDR" && (buf[25] === 6 || buf[25] === 4);
}
