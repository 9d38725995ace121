/**
 * `npm run bench:letters`: a letter round of 500 letters (BENCH_LETTERS) through the real
 * app on the embedded test database: one PDF, one page per letter, and the contacts, in one
 * transaction. Prints the time; exits non-zero above the budget (10 s, BENCH_BUDGET_MS).
 */
import { OrganisationKind, Role } from '../src/identity/role.enum';
import { createMunicipality, createOrganisation, createUser } from '../test/support/factories';
import { createTestApp } from '../test/support/test-app';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 500);
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 10_000);

async function main(): Promise<void> {
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
    const { rows } = await t.db.query(
      `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code,
         street_address, postal_code, city)
       SELECT '2006' || lpad(i::text, 8, '0'), '2006-06-06', 'Förnamn' || i, 'Efternamn' || i, '1287',
              'Storgatan ' || i, '231 42', 'Trelleborg'
       FROM generate_series(1, $1) i RETURNING id`,
      [LETTERS],
    );
    const template = await t.gql(
      `mutation { createLetterTemplate(input: { name: "Brev 1", subject: "Hej {förnamn}",
         body: "Hej {förnamn} {efternamn}! Vi på ungdomsteamet vill gärna höra hur du har det. Ring {handläggare} på {telefon}." }) { id } }`,
      {},
      user.token,
    );
    const start = performance.now();
    const res = await t.gql(
      `mutation($i: SendLetterRoundInput!) { sendLetterRound(input: $i) { letterCount pdfBase64 } }`,
      {
        i: {
          templateId: template.data.createLetterTemplate.id,
          youngPersonIds: rows.map((r: { id: string }) => r.id),
          callbackPhone: '0410-73 30 00',
        },
      },
      user.token,
    );
    const ms = performance.now() - start;
    if (res.errors || res.data.sendLetterRound.letterCount !== LETTERS) {
      throw new Error(`round failed: ${JSON.stringify(res.errors ?? res.data).slice(0, 300)}`);
    }
    const kb = Math.round(Buffer.from(res.data.sendLetterRound.pdfBase64, 'base64').length / 1024);
    const { rows: c } = await t.db.query(`SELECT count(*)::int AS n FROM contact_attempt`);
    console.warn(
      `bench:letters ${LETTERS} letters: ${ms.toFixed(0)} ms, PDF ${kb} KB, ${c[0].n} contacts recorded`,
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
