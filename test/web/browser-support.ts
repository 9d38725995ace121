/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { seedDemoData } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * One app on the demo data and one Debian Chromium per browser test file, a context per
 * user; axe-core (WCAG 2.1 A/AA) on every page and a screenshot into test-results/screens/.
 * (browser.e2e-spec.ts has the same set-up inline; part 2's files share this one.)
 */
export const SCREENS = join(__dirname, '..', '..', 'test-results', 'screens');

export interface BrowserHarness {
  t: TestApp;
  /** secondFactor: a TOTP or recovery code, for a user who has one. */
  signIn(email: string, path?: string, secondFactor?: string): Promise<Page>;
  check(page: Page, name: string, only?: string): Promise<void>;
  /** Errors any page raised since the last call (a test fails on any). */
  takeErrors(): string[];
  close(): Promise<void>;
}

export async function startBrowserHarness(): Promise<BrowserHarness> {
  const t = await createTestApp();
  await seedDemoData(t.databaseUrl, t.config.clock, t.config.secretsKey);
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENS, { recursive: true });
  const errors: string[] = [];

  async function signIn(email: string, path = '/', secondFactor?: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      acceptDownloads: true,
    });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of (401|403|404)/.test(m.text())) errors.push(m.text());
    });
    await page.goto(base + path);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    if (secondFactor) {
      await page.getByLabel('Kod').fill(secondFactor);
      await page.getByRole('button', { name: 'Logga in' }).click();
    }
    await page.getByRole('button', { name: 'Logga ut' }).waitFor();
    return page;
  }

  async function check(page: Page, name: string, only?: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
    const result = await (only ? axe.include(only) : axe).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect({ page: name, violations: bad }).toEqual({ page: name, violations: [] });
    await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
  }

  return {
    t,
    signIn,
    check,
    takeErrors: () => errors.splice(0),
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** Text a person would see that is a bare message key (an untranslated label). */
export async function untranslated(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return (
    text.match(
      /\b(?:enum|error|nav|shell|audit|dashboard|admin|extract|common|page|concern|emergency|association|person)\.[A-Za-z_.]+/g,
    ) ?? []
  );
}

/** Waits (up to 10 s) until the element's text matches, then asserts it. */
export async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await locator.innerText({ timeout: 10_000 }).catch(() => '');
    if (pattern.test(text)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(text).toMatch(pattern);
}
