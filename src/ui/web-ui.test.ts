// The web UI in real headless Chromium against the real service and the emulator: add a source through the steps,
// authenticate, select collections, Sync now, and find the Overview's numbers equal to the rows in the warehouse.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { startServer, type RunningServer } from '../server/start-server.js';
import { mainAccount, startHarness, type Harness } from '../test-support/sync-harness.js';
import { startRealService, type TestService } from '../server/testing/real-source-service.js';

const executablePath = '/usr/bin/chromium';
// Outside CI a machine without Chromium skips, saying so; in CI the test must run (and fails if Chromium is missing).
const skip = !existsSync(executablePath) && process.env['CI'] !== 'true';
const adminToken = 'browser-test-admin-token-0123456789';
const chosen = ['messages', 'calls', 'addresses'];
const overviewScreenshot = join(tmpdir(), 'twilio-source-overview.png');

async function warehouseCounts(path: string, schema: string): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of chosen) counts[table] = Number((await connection.runAndReadAll(`SELECT count(*) FROM "${schema}"."${table}"`)).getRows()[0]?.[0]);
    return counts;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Bounded polling: reads the Overview until the last run is no longer running. */
async function waitForRunEnd(page: Page): Promise<string> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const badge = page.locator('.summary .badge');
    const status = (await badge.count()) > 0 ? await badge.first().textContent() : null;
    if (status !== null && status !== 'running') return status;
    await page.waitForTimeout(500);
  }
  throw new Error('the sync did not finish within 5 minutes');
}

describe.skipIf(skip)(`web UI in headless Chromium${skip ? ' (skipped: /usr/bin/chromium is absent; apt-get install chromium)' : ''}`, () => {
  let harness: Harness;
  let service: TestService;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    harness = await startHarness();
    service = await startRealService(harness.home);
    server = await startServer({ service: service.service, adminToken, logger: createLogger({ level: 'silent' }) });
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await service?.close();
    await harness?.close();
  });

  it('adds a source through the steps, syncs it, and shows the warehouse\'s row counts', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);

    await page.getByLabel('Admin token').fill(adminToken);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByRole('link', { name: 'Add source' }).first().click();

    // Step 1: name, labels, schema (defaulted from the name).
    await page.getByLabel('Name', { exact: true }).fill('Emulated Twilio');
    await page.getByLabel('Labels').fill('env=test');
    expect(await page.getByLabel('Schema name').inputValue()).toBe('emulated_twilio');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2: credentials; Next is refused until they are authenticated.
    const account = mainAccount(harness.emulator);
    await page.getByLabel('Account SID', { exact: true }).fill(account.sid);
    await page.getByLabel('Auth Token', { exact: true }).fill(account.authToken);
    await page.getByText('Advanced').click();
    await page.getByLabel('Twilio API URL').fill(harness.emulator.url);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Authenticate these credentials before going on.').waitFor();
    await page.getByRole('button', { name: 'Authenticate' }).click();
    await page.getByText('Authenticated:').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: selective sync.
    await page.getByLabel('Main account and all its subaccounts').check();
    for (const name of ['conferences', 'transcriptions', 'call_feedback']) await page.getByLabel(name, { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 4: the tables and columns that will be created, before anything is.
    for (const name of chosen) await page.getByText(`emulated_twilio.${name} —`).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 5: schedule and warehouse; step 6: create, enabled.
    await page.getByLabel('Warehouse', { exact: true }).fill(`duckdb:${harness.duckdbPath}`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Create source' }).click();
    await page.getByRole('heading', { name: 'Emulated Twilio' }).waitFor();
    expect(await page.getByRole('switch').getAttribute('aria-checked')).toBe('true');

    await page.getByRole('button', { name: 'Sync now' }).click();
    expect(await waitForRunEnd(page)).toBe('success');

    const shown: Record<string, number> = {};
    for (const name of chosen) {
      const cell = page.locator(`tr[data-collection="${name}"] td[data-field="rowsTotal"]`);
      shown[name] = Number(await cell.getAttribute('data-value'));
      expect((await cell.textContent())?.replace(/,/g, '')).toBe(String(shown[name]));
    }
    await page.screenshot({ path: overviewScreenshot, fullPage: true });
    expect(shown).toEqual(await warehouseCounts(harness.duckdbPath, 'emulated_twilio'));
    expect(Object.values(shown).every((count) => count > 0)).toBe(true);
    expect(await page.locator('svg.chart rect.bar').count()).toBe(1);

    // The enable switch, by keyboard: off, then on again.
    const toggle = page.getByRole('switch', { name: 'Enabled' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.locator('[role="switch"][aria-checked="false"]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('[role="switch"][aria-checked="true"]').waitFor();

    await page.getByRole('link', { name: 'Runs' }).click();
    await page.getByRole('heading', { name: 'Run history' }).waitFor();
    expect(await page.locator('table.runs tbody tr').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
