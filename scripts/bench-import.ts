/**
 * `npm run bench:import`: generates 10 000 valid rows (young person + schooling) and
 * times the streaming CSV import against the embedded test database, through the real
 * app and the REST endpoint. Prints the figures; exits non-zero above the budget.
 */
import { OrganisationKind, Role } from '../src/identity/role.enum';
import { luhnCheckDigit } from '../src/young-people/personal-number';
import { createOrganisation, createUser, createMunicipality } from '../test/support/factories';
import { createTestApp } from '../test/support/test-app';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 10_000);

function csv(rows: number): string {
  const lines = [
    'personnummer;given_name;family_name;home_municipality;address;postal_code;city;phone;email;school;programme_code;programme_type;start_date;end_date;status',
  ];
  for (let i = 0; i < rows; i++) {
    // Distinct birth dates in 2007–2009, serial 0–99: unique and valid numbers.
    const d = new Date(Date.UTC(2007, 0, 1) + Math.floor(i / 100) * 86_400_000);
    const yymmdd = d.toISOString().slice(2, 10).replace(/-/g, '');
    const serial = String(i % 100).padStart(3, '0');
    const pn = `${yymmdd}-${serial}${luhnCheckDigit(yymmdd + serial)}`;
    lines.push(
      `${pn};Förnamn${i};Efternamn${i};1287;"Storgatan ${i % 200}, lgh ${i}";231 ${String(i % 100).padStart(2, '0')};Trelleborg;0410-${100000 + i};ung${i}@example.se;Söderslättsgymnasiet;NA;NATIONAL;2023-08-21;2024-11-${String((i % 28) + 1).padStart(2, '0')};INTERRUPTED`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  // The same embedded PostgreSQL and migrated template the e2e tests use.
  const setup = (await import('../test/global-setup.mjs')) as { default: () => Promise<void> };
  const teardown = (await import('../test/global-teardown.mjs')) as {
    default: () => Promise<void>;
  };
  await setup.default();
  const t = await createTestApp();
  try {
    await createMunicipality(t, '1287');
    const org = await createOrganisation(t, '1287', OrganisationKind.YOUTH_TEAM);
    const user = await createUser(t, org, [Role.YOUTH_COORDINATOR]);
    const body = csv(ROWS);
    const post = (query = '') =>
      t
        .http()
        .post(`/imports/young-people${query}`)
        .set('content-type', 'text/csv')
        .set('authorization', `Bearer ${user.token}`)
        .send(body);

    let start = performance.now();
    const dry = await post('?dryRun=true');
    const dryMs = performance.now() - start;
    if (dry.status !== 200)
      throw new Error(`dry run failed: ${JSON.stringify(dry.body).slice(0, 500)}`);

    start = performance.now();
    const res = await post();
    const ms = performance.now() - start;
    if (res.status !== 200 || res.body.youngPeopleCreated !== ROWS) {
      throw new Error(`import failed: ${JSON.stringify(res.body).slice(0, 500)}`);
    }
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM schooling`);
    const mb = (Buffer.byteLength(body) / 1e6).toFixed(2);
    console.warn(
      `bench:import ${ROWS} rows (${mb} MB): dry run ${dryMs.toFixed(0)} ms, import ${ms.toFixed(0)} ms ` +
        `(${Math.round(ROWS / (ms / 1000))} rows/s); ${rows[0].n} schooling rows`,
    );
    if (ms > BUDGET_MS) {
      console.error(`slower than the budget of ${BUDGET_MS} ms`);
      process.exitCode = 1;
    }
  } finally {
    await t.close();
    await teardown.default();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
