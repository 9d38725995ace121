/**
 * `npm run bench:web`: the web client's production bundle (web/dist, built first by
 * `npm run build -w web`) in bytes and gzipped, and the time to interactive of the work
 * list with 200 rows in Debian's Chromium against the real app on the test database:
 * from navigation to the 200th row's "Record contact" button accepting a click (two
 * pages of 100, "Show more" clicked once). BENCH_RUNS repetitions (default 5); prints
 * the median. Exits non-zero when the first load exceeds 300 kB of gzipped JavaScript.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { OrganisationKind, Role } from '../src/identity/role.enum';
import { luhnCheckDigit } from '../src/young-people/personal-number';
import {
  createMunicipality,
  createOrganisation,
  createUser,
  TEST_PASSWORD,
} from '../test/support/factories';
import { createTestApp } from '../test/support/test-app';

const ROWS = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_GZIP = 300 * 1024;

function bundle(): { files: number; raw: number; gzip: number; jsGzip: number } {
  const dir = join(__dirname, '..', 'web', 'dist', 'assets');
  let raw = 0;
  let gzip = 0;
  let jsGzip = 0;
  const files = readdirSync(dir);
  for (const f of files) {
    const body = readFileSync(join(dir, f));
    const gz = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzip += gz;
    if (f.endsWith('.js')) jsGzip += gz;
  }
  return { files: files.length, raw, gzip, jsGzip };
}

async function main(): Promise<void> {
  const size = bundle();
  console.warn(
    `bench:web bundle: ${size.files} files, ${(size.raw / 1024).toFixed(1)} kB, ${(size.gzip / 1024).toFixed(1)} kB gzipped (JavaScript ${(size.jsGzip / 1024).toFixed(1)} kB gzipped; budget 300 kB)`,
  );
  const setup = (await import('../test/global-setup.mjs')) as { default: () => Promise<void> };
  const teardown = (await import('../test/global-teardown.mjs')) as {
    default: () => Promise<void>;
  };
  await setup.default();
  const t = await createTestApp();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await createMunicipality(t, '1287');
    const org = await createOrganisation(t, '1287', OrganisationKind.YOUTH_TEAM);
    const user = await createUser(t, org, [Role.YOUTH_COORDINATOR]);
    for (let i = 0; i < ROWS; i++) {
      const d = new Date(Date.UTC(2007, 0, 1) + i * 86_400_000);
      const yymmdd = d.toISOString().slice(2, 10).replace(/-/g, '');
      const serial = String(100 + (i % 800)).padStart(3, '0');
      const created = await t.gql(
        `mutation($input: CreateYoungPersonInput!) { createYoungPerson(input: $input) { id } }`,
        {
          input: {
            personalNumber: `${yymmdd}-${serial}${luhnCheckDigit(yymmdd + serial)}`,
            givenName: `Ung${i}`,
            familyName: `Bench${i}`,
          },
        },
        user.token,
      );
      if (created.errors) throw new Error(JSON.stringify(created.errors));
      const opened = await t.gql(
        `mutation($input: OpenKaaPeriodInput!) { openKaaPeriod(input: $input) { id } }`,
        {
          input: {
            youngPersonId: created.data.createYoungPerson.id,
            entryDate: '2026-09-01',
            entryReason: 'INTERRUPTED_STUDIES',
          },
        },
        user.token,
      );
      if (opened.errors) throw new Error(JSON.stringify(opened.errors));
    }
    await t.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(base);
    await page.getByLabel('E-postadress').fill(user.email);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByTestId('work-list-row').first().waitFor();
    const times: number[] = [];
    const first: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      // A reload: the bundle from cache, the session renewed from the cookie, the list fetched.
      await page.reload();
      await page.getByTestId('work-list-row').nth(99).getByRole('button').click({ trial: true });
      first.push(performance.now() - start);
      await page.getByRole('button', { name: 'Visa fler' }).click();
      await page
        .getByTestId('work-list-row')
        .nth(ROWS - 1)
        .getByRole('button')
        .click({ trial: true });
      times.push(performance.now() - start);
      if ((await page.getByTestId('work-list-row').count()) !== ROWS)
        throw new Error('not 200 rows');
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.warn(
      `bench:web work list, ${ROWS} rows, ${RUNS} runs: first 100 rows interactive after ${median(first).toFixed(0)} ms, all ${ROWS} after ${median(times).toFixed(0)} ms (median; min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`,
    );
    if (size.jsGzip > BUDGET_GZIP) {
      console.error('the first load is over 300 kB of gzipped JavaScript');
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await t.close();
    await teardown.default();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
