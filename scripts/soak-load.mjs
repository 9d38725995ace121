// The soak's clients (scripts/soak.ts forks this): CONNECTIONS loops of mixed GraphQL over
// HTTP for DURATION_MS, in their own process so the server's RSS and event loop are its
// own. Reports counts to the parent every second; a write whose answer came back with an
// id is "acknowledged", and the parent checks every acknowledged id is in the database.
const { BASE, TOKEN, PEOPLE, CONNECTIONS, DURATION_MS } = process.env;
const people = JSON.parse(PEOPLE);
const end = Date.now() + Number(DURATION_MS);

const ops = [
  [40, () => ({ query: `query { youngPeople(first: 20) { edges { node { id givenName familyName } } } }` })],
  [25, () => ({ query: `query($id: ID!) { youngPerson(id: $id) { id personalNumber phone kaaPeriods { id } } }`, variables: { id: pick() } })],
  [15, () => ({ query: `query { me { id roles } unreadNotificationCount }` })],
  [20, () => ({
    write: true,
    query: `mutation($input: RecordContactAttemptInput!) { recordContactAttempt(input: $input) { id } }`,
    variables: { input: { youngPersonId: pick(), channel: 'PHONE', outcome: 'NO_RESPONSE', occurredAt: new Date().toISOString() } },
  })],
];
const total = ops.reduce((a, [w]) => a + w, 0);
function pick() {
  return people[Math.floor(Math.random() * people.length)];
}
function op() {
  let r = Math.random() * total;
  for (const [w, make] of ops) if ((r -= w) < 0) return make();
  return ops[0][1]();
}

const counts = { ok: 0, unavailable: 0, other: 0, http5xx: 0, network: 0, writesAcked: 0 };
const otherCodes = {};
const acked = [];
let lastOkAt = 0;
let firstFailAt = 0;

async function loop() {
  while (Date.now() < end) {
    const { write, ...body } = op();
    try {
      const res = await fetch(`${BASE}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      });
      const json = await res.json().catch(() => ({}));
      const code = json.errors?.[0]?.extensions?.code;
      if (res.status >= 500 && code !== 'SERVICE_UNAVAILABLE') counts.http5xx++;
      if (!code && res.status === 200) {
        counts.ok++;
        lastOkAt = Date.now();
        if (write) {
          counts.writesAcked++;
          acked.push(json.data.recordContactAttempt.id);
        }
      } else if (code === 'SERVICE_UNAVAILABLE') {
        counts.unavailable++;
        firstFailAt ||= Date.now();
        await new Promise((r) => setTimeout(r, 50));
      } else {
        counts.other++;
        otherCodes[code ?? `HTTP ${res.status}`] = (otherCodes[code ?? `HTTP ${res.status}`] ?? 0) + 1;
      }
    } catch {
      counts.network++;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const timer = setInterval(() => process.connected && process.send({ type: 'progress', counts, lastOkAt }), 1000);
await Promise.all(Array.from({ length: Number(CONNECTIONS) }, loop));
clearInterval(timer);
process.send({ type: 'done', counts, otherCodes, acked });
