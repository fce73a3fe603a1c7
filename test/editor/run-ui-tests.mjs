#!/usr/bin/env node
// UI smoke tests: what a person sees in VS Code (code-server's build) with Specwright loaded,
// driven through headless Chromium with playwright-core. Every scenario saves screenshots
// into test-results/editor-ui/; with --update-images the README's pictures in docs/images/
// are refreshed too (not by default: screenshots differ by a few pixels run to run, and a
// test run should not dirty the work tree).
//   node test/editor/run-ui-tests.mjs [--update-images]
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerVersion, imagesDir, repoRoot, workspaceFixture } from './paths.mjs';
import { assertInstalled, createSandbox, launchBrowser, remoteUri, startServer, workbenchUrl } from './vscode-web.mjs';

const resultsDir = join(repoRoot, 'test-results', 'editor-ui');
const WAIT_MS = 30_000;
const started = Date.now();
const updateImages = process.argv.includes('--update-images');

const quickInput = '.quick-input-widget input.input';
const squiggle = '.monaco-editor .view-overlays [class*="squiggly-"]';

async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator(quickInput);
  await input.waitFor({ state: 'visible', timeout: WAIT_MS });
  await input.fill(`>${label}`);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: label })
    .first()
    .waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
}

async function openWithQuickOpen(page, fileName) {
  await page.keyboard.press('Control+P');
  const input = page.locator(quickInput);
  await input.waitFor({ state: 'visible', timeout: WAIT_MS });
  await input.fill(fileName);
  // Quick Open searches the workspace with the server's ripgrep; wait for the match itself.
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: fileName })
    .first()
    .waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: WAIT_MS });
}

// Squiggles sorted by whether they lie on the first line showing `text`, measured in one pass
// over the page: a code lens that arrives between two measurements moves every line down, so
// boxes taken in separate calls can disagree. Polls until a squiggle lies on that line.
async function squigglesOnLine(page, text) {
  const handle = await page.waitForFunction(
    ({ selector, text }) => {
      // Runs in the page: its document, not Node's.
      const dom = globalThis.document;
      const shown = (node) => node.textContent.replace(/\u00a0/g, ' ');
      const line = [...dom.querySelectorAll('.monaco-editor .view-line')].find((node) => shown(node).includes(text));
      if (!line) return null;
      const l = line.getBoundingClientRect();
      const boxes = [...dom.querySelectorAll(selector)].map((mark) => mark.getBoundingClientRect());
      const onLine = (b) => Math.abs(b.y + b.height / 2 - (l.y + l.height / 2)) < l.height / 2;
      const on = boxes.filter(onLine).map((b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 }));
      if (on.length === 0) return null;
      return { on, elsewhere: boxes.filter((b) => !onLine(b)).length, total: boxes.length };
    },
    { selector: squiggle, text },
    { timeout: WAIT_MS },
  );
  return handle.jsonValue();
}

const scenarios = [
  {
    name: 'a spec opened with Quick Open shows squiggles and a hover with the rule',
    async run(page) {
      await openWithQuickOpen(page, 'checkout.md');
      // The progress lens above the title moves the lines once it arrives: hover after it.
      await page.locator('.monaco-editor .codelens-decoration', { hasText: 'sections complete' }).first().waitFor({ timeout: WAIT_MS });
      // Hover the squiggle under the first [Payment Provider]: the hover names our rule. A pointer
      // that came to rest before the editor was ready to show hovers (this is the first scenario)
      // shows none: it leaves and comes back, each time to where the squiggle is then, until the
      // hover shows or the time is up.
      const hover = page.locator('.monaco-hover', { hasText: 'unfilled-placeholder' });
      const deadline = Date.now() + WAIT_MS;
      let count = 0;
      for (;;) {
        const found = await squigglesOnLine(page, '[Payment Provider]');
        count = found.total;
        await page.mouse.move(0, 0);
        await page.mouse.move(found.on[0].x, found.on[0].y);
        try {
          await hover.first().waitFor({ state: 'visible', timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) });
          break;
        } catch (error) {
          if (Date.now() >= deadline) throw error;
        }
      }
      if (count < 2) throw new Error(`expected several squiggles on checkout.md, found ${count}`);
      return { screenshot: 'diagnostics.png' };
    },
  },
  {
    name: 'the Problems panel lists Specwright findings for the spec',
    async run(page) {
      await page.mouse.move(0, 0);
      await runCommand(page, 'View: Focus Problems');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'specwright' }).first().waitFor({ timeout: WAIT_MS });
      const text = (await rows.allInnerTexts()).join('\n');
      for (const expected of ['checkout.md', 'unfilled-placeholder', 'empty-section']) {
        if (!text.includes(expected)) throw new Error(`Problems panel lacks "${expected}":\n${text}`);
      }
      if (text.includes('README.md')) throw new Error(`Problems panel lists the non-spec README:\n${text}`);
      return { screenshot: 'problems.png' };
    },
  },
  {
    name: 'a spec-kit tasks.md: one squiggle, on the placeholder left in it, none on the task tags',
    async run(page) {
      await page.mouse.move(0, 0);
      await openWithQuickOpen(page, 'tasks.md');
      // The placeholder is on line 45: bring it into view, with the task tags above it.
      await page.keyboard.press('Control+G');
      const input = page.locator(quickInput);
      await input.waitFor({ state: 'visible', timeout: WAIT_MS });
      await input.fill(':45');
      await page.keyboard.press('Enter');
      const { on, elsewhere } = await squigglesOnLine(page, '[file path]');
      if (elsewhere > 0) throw new Error(`expected squiggles only on the [file path] line, found ${on.length} there and ${elsewhere} elsewhere`);
      return { screenshot: 'spec-kit-tasks.png' };
    },
  },
  {
    name: 'an OpenSpec change proposal: what openspec validate rejects, shown as you type',
    async run(page) {
      await openWithQuickOpen(page, 'proposal.md');
      const marks = page.locator(squiggle);
      const hover = page.locator('.monaco-hover', { hasText: 'section-length' }).first();
      // The squiggle found first may still be the previous editor's while the proposal's are
      // drawn: hover it again, over a fresh squiggle, until the proposal's finding shows.
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        await marks.first().waitFor({ state: 'attached', timeout: WAIT_MS });
        const box = await marks.first().boundingBox();
        if (box) {
          await page.mouse.move(0, 0);
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        }
        try {
          await hover.waitFor({ state: 'visible', timeout: 5_000 });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
        }
      }
      return { screenshot: 'openspec-change.png' };
    },
  },
  {
    name: 'the F1 palette finds Specwright commands and Show Output opens the Specwright channel',
    async run(page, { saveShot }) {
      await page.keyboard.press('F1');
      const input = page.locator(quickInput);
      await input.waitFor({ state: 'visible', timeout: WAIT_MS });
      await input.fill('>Specwright');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Specwright: Show Output' });
      await row.first().waitFor({ timeout: WAIT_MS });
      await saveShot('command-palette.png', { docs: true });
      await row.first().click();
      // The Output view shows our channel: its channel picker names it.
      await page
        .locator('.part.panel .monaco-select-box', { hasText: 'Specwright' })
        .first()
        .waitFor({ state: 'attached', timeout: WAIT_MS });
      const selected = await page
        .locator('.part.panel select.monaco-select-box')
        .first()
        .evaluate((select) => select.options[select.selectedIndex]?.text ?? '');
      if (selected !== 'Specwright') throw new Error(`Output view shows channel "${selected}", expected "Specwright"`);
      return { screenshot: 'output.png', docs: false };
    },
  },
  {
    name: 'New Spec from Template walks the picker, the title, the folder and the file name by keyboard',
    async run(page, { workspace }) {
      await runCommand(page, 'Specwright: New Spec from Template');
      const input = page.locator(quickInput);
      const title = (text) => page.locator('.quick-input-widget .quick-input-title', { hasText: text }).first().waitFor({ timeout: WAIT_MS });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Production Readiness Spec' }).first().waitFor({ timeout: WAIT_MS });
      await input.fill('production readiness');
      await page.keyboard.press('Enter');
      await title('New Production Readiness Spec');
      await page.keyboard.type('Bulk export');
      await page.keyboard.press('Enter');
      await title('Folder for the new spec');
      if ((await input.inputValue()) !== 'docs/specs') throw new Error(`folder prompt shows "${await input.inputValue()}"`);
      await page.keyboard.press('Enter');
      await title('File name');
      if ((await input.inputValue()) !== 'bulk-export-production.md') throw new Error(`file name prompt shows "${await input.inputValue()}"`);
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: 'bulk-export-production.md' }).waitFor({ timeout: WAIT_MS });
      await page.locator('.monaco-editor .view-line', { hasText: 'Production Spec: `Bulk export`' }).first().waitFor({ timeout: WAIT_MS });
      const path = join(workspace, 'docs', 'specs', 'bulk-export-production.md');
      if (!existsSync(path)) throw new Error(`${path} was not created`);
      if (!readFileSync(path, 'utf8').startsWith('# Production Spec: `Bulk export`\n')) throw new Error('unexpected content in the new spec');
      // The first remaining placeholder is selected, ready to be typed over; Tab moves on.
      await page.locator('.monaco-editor .selected-text').first().waitFor({ state: 'attached', timeout: WAIT_MS });
      return { screenshot: 'new-spec.png' };
    },
  },
  {
    name: 'a written spec with one instance of each repeatable section: the status bar reads N/N, the Spec Outline shows no missing row',
    async run(page, { saveShot }) {
      await page.mouse.move(0, 0);
      await openWithQuickOpen(page, 'report-delivery.md');
      // Until the spec's own progress replaces it, the status bar shows the previous spec's.
      const progress = page.locator('.statusbar-item', { hasText: /\b(\d+)\/\1 sections complete · 0 placeholders · In Review/ }).first();
      try {
        await progress.waitFor({ timeout: WAIT_MS });
      } catch {
        const seen = await page.locator('.statusbar-item', { hasText: 'sections complete' }).allInnerTexts();
        throw new Error(`the status bar never read N/N sections complete for report-delivery.md; it reads: ${seen.join(' | ') || '(no progress item)'}`);
      }
      // The progress item opens the Spec Outline. Its list is virtual: with the title's row
      // and the last section's both drawn, every row between them is drawn too. A taller
      // window, with the folders' view folded away, gives it room for all of them.
      const viewport = page.viewportSize();
      const folders = page.locator('.pane-header', { has: page.locator('.title', { hasText: /^workspace$/i }) }).first();
      await page.setViewportSize({ width: viewport.width, height: 1800 });
      await folders.click();
      let shown;
      try {
        await progress.click();
        const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Spec Outline' }) });
        const rows = pane.locator('.monaco-list-row');
        await rows.filter({ hasText: 'Spec: Scheduled Report Delivery' }).first().waitFor({ timeout: WAIT_MS });
        await rows.filter({ hasText: '7.2 Configuration Model' }).first().waitFor({ timeout: WAIT_MS });
        shown = await rows.allInnerTexts();
        await saveShot('spec-outline-complete.png');
      } finally {
        await folders.click();
        await page.setViewportSize(viewport);
      }
      const notComplete = shown.filter((row) => /missing|placeholders left|empty|unchanged|subsections to finish/.test(row));
      if (notComplete.length > 0) throw new Error(`Spec Outline rows not complete:\n${notComplete.join('\n')}`);
      if (!shown.some((row) => row.includes('FR-010: Schedule Management'))) throw new Error(`Spec Outline lacks the FR row:\n${shown.join('\n')}`);
    },
  },
  {
    name: 'traceability: code lenses count what cites each requirement, the status bar shows coverage, the view lists the feature',
    async run(page) {
      await page.mouse.move(0, 0);
      await openWithQuickOpen(page, 'spec.md');
      const lens = page.locator('.codelens-decoration', { hasText: '4 tasks · 1 test · covered' }).first();
      try {
        await lens.waitFor({ timeout: WAIT_MS });
      } catch {
        const seen = await page.locator('.codelens-decoration').allInnerTexts();
        throw new Error(`no code lens "4 tasks · 1 test · covered" on User Story 1; lenses: ${seen.join(' | ') || '(none)'}`);
      }
      await page.locator('.codelens-decoration', { hasText: '0 tasks · 0 tests · not covered' }).first().waitFor({ timeout: WAIT_MS });
      const coverage = page.locator('.statusbar-item', { hasText: '1/2 by tasks · 1/2 by tests' }).first();
      await coverage.waitFor({ timeout: WAIT_MS });
      await coverage.click();
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Traceability' }) });
      const rows = pane.locator('.monaco-list-row');
      await rows.filter({ hasText: 'US2' }).first().waitFor({ timeout: WAIT_MS });
      const shown = await rows.allInnerTexts();
      for (const id of ['US1', 'US2', 'FR-001', 'FR-003']) if (!shown.some((row) => row.startsWith(id))) throw new Error(`the Traceability view lacks ${id}:\n${shown.join('\n')}`);
      return { screenshot: 'traceability.png' };
    },
  },
];

async function main() {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  if (!existsSync(join(repoRoot, manifest.main ?? 'dist/client.js'))) {
    throw new Error(`${manifest.main} is missing; build the extension first (npm run build)`);
  }
  assertInstalled();
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  if (updateImages) mkdirSync(imagesDir, { recursive: true });

  const sandbox = createSandbox('swu-');
  const cleanups = [async () => sandbox.dispose()];
  let passed = 0;
  let failed = 0;
  try {
    const workspace = join(sandbox.root, 'workspace');
    cpSync(workspaceFixture, workspace, { recursive: true });
    const server = await startServer({
      sandbox,
      userDataDir: join(sandbox.root, 'user-data'),
      extensionsDir: join(sandbox.root, 'extensions'),
      logFile: join(resultsDir, 'vscode-server.log'),
    });
    cleanups.push(server.stop);
    const browser = await launchBrowser(sandbox);
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const url = workbenchUrl(server.port, workspace, [
      ['extensionDevelopmentPath', remoteUri(server.port, repoRoot)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
    await page.goto(url);
    await page.locator('.monaco-workbench .explorer-folders-view').waitFor({ timeout: WAIT_MS });

    for (const [index, scenario] of scenarios.entries()) {
      const prefix = `${String(index + 1).padStart(2, '0')}`;
      const saveShot = async (name, { docs = false } = {}) => {
        await page.screenshot({ path: join(resultsDir, `${prefix}-${name}`) });
        if (docs && updateImages) await page.screenshot({ path: join(imagesDir, name) });
      };
      const t0 = Date.now();
      try {
        const outcome = await scenario.run(page, { saveShot, workspace });
        if (outcome?.screenshot) await saveShot(outcome.screenshot, { docs: outcome.docs !== false });
        passed++;
        console.log(`  ✔ ${scenario.name} (${Date.now() - t0} ms)`);
      } catch (error) {
        failed++;
        console.log(`  ✘ ${scenario.name}\n    ${error.message.split('\n').join('\n    ')}`);
        await saveShot('failure.png').catch(() => undefined);
      }
      await page.keyboard.press('Escape');
    }
    if (pageErrors.length > 0) console.log(`  (workbench errors: ${pageErrors.join(' | ')})`);
  } finally {
    while (cleanups.length > 0) await cleanups.pop()().catch((error) => console.error(`ui: cleanup: ${error.message}`));
  }
  return { passed, failed };
}

let passed = 0;
let failed = 1;
try {
  ({ passed, failed } = await main());
} catch (error) {
  console.error(`ui: ${error.message}`);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`editor-ui: ${passed} passed, ${failed} failed (code-server ${codeServerVersion}) in ${seconds}s`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
