/**
 * `npm run bench:abuse` (issue 16): the two cheap attacks, against the real app on the
 * embedded test database. An 800 kB document repeating `me { id }` and 150 aliases of a
 * 100-row page of young people are each sent BENCH_ROUNDS times (round trip on the same
 * machine: an upper bound of the server time); then four connections send them in a loop
 * while /health/live is timed. Budgets: 50 ms per refusal (p50), /health/live p99 50 ms.
 */
import { OrganisationKind, Role } from '../src/identity/role.enum';
import { createUser, createWorld } from '../test/support/factories';
import { createTestApp } from '../test/support/test-app';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const LOAD_MS = Number(process.env.BENCH_LOAD_MS ?? 10_000);
const PORT = Number(process.env.BENCH_PORT ?? 4160);

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main(): Promise<void> {
  const setup = (await import('../test/global-setup.mjs')) as { default: () => Promise<void> };
  const teardown = (await import('../test/global-teardown.mjs')) as {
    default: () => Promise<void>;
  };
  await setup.default();
  const t = await createTestApp();
  try {
    const { org } = await createWorld(t, '1287');
    const user = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR]);
    await t.app.listen(PORT, '127.0.0.1');
    const base = `http://127.0.0.1:${PORT}`;
    const attacks = {
      '800 kB me { id }': `{ ${'me { id } '.repeat(80_000)} }`,
      '150 x youngPeople(first: 100)': `{ ${Array.from(
        { length: 150 },
        (_, i) => `p${i}: youngPeople(first: 100) { edges { node { id personalNumber phone } } }`,
      ).join(' ')} }`,
    };
    const send = async (query: string) => {
      const started = performance.now();
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
      return {
        ms: performance.now() - started,
        status: res.status,
        code: body.errors?.[0]?.extensions?.code,
      };
    };
    for (const [name, query] of Object.entries(attacks)) {
      const times: number[] = [];
      let last = { status: 0, code: '' as string | undefined };
      for (let i = 0; i < ROUNDS; i++) {
        const r = await send(query);
        times.push(r.ms);
        last = r;
      }
      process.stdout.write(
        `${name}: ${last.status} ${last.code}, p50 ${pct(times, 50).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${ROUNDS} rounds)\n`,
      );
    }
    // Four connections keep sending both while /health/live is timed.
    let running = true;
    const queries = Object.values(attacks);
    const attackers = Array.from({ length: 4 }, async (_, i) => {
      let n = 0;
      while (running) await send(queries[(i + n++) % queries.length]);
      return n;
    });
    const health: number[] = [];
    const end = Date.now() + LOAD_MS;
    while (Date.now() < end) {
      const started = performance.now();
      await fetch(`${base}/health/live`).then((r) => r.text());
      health.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
    running = false;
    const sent = (await Promise.all(attackers)).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `/health/live under 4 attacking connections (${sent} attacks in ${LOAD_MS} ms): p50 ${pct(health, 50).toFixed(1)} ms, p99 ${pct(health, 99).toFixed(1)} ms (${health.length} probes)\n`,
    );
  } finally {
    await t.close();
    await teardown.default();
  }
}

void main();
