// bench:abuse's attacker (scripts/bench-abuse.ts forks it), in its own process so that
// the server's process does only the server's work. Phase "rounds": each attack ROUNDS
// times in a row, telling the parent when each attack starts and ends (it measures its own
// CPU in between); phase "load": four connections send both attacks until told to stop.
const { BASE, TOKEN, ROUNDS } = process.env;
const attacks = {
  '800 kB me { id }': `{ ${'me { id } '.repeat(80_000)} }`,
  '150 x youngPeople(first: 100)': `{ ${Array.from(
    { length: 150 },
    (_, i) => `p${i}: youngPeople(first: 100) { edges { node { id personalNumber phone } } }`,
  ).join(' ')} }`,
};
const bodies = Object.fromEntries(
  Object.entries(attacks).map(([k, q]) => [k, JSON.stringify({ query: q })]),
);
async function send(body) {
  const started = performance.now();
  const res = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body,
  });
  const json = await res.json();
  return { ms: performance.now() - started, status: res.status, code: json.errors?.[0]?.extensions?.code };
}
const ask = (m) => new Promise((resolve) => { process.once('message', resolve); process.send(m); });

for (const [name, body] of Object.entries(bodies)) {
  await ask({ type: 'start', name });
  const times = [];
  let last;
  for (let i = 0; i < Number(ROUNDS); i++) {
    last = await send(body);
    times.push(last.ms);
  }
  await ask({ type: 'end', name, times, status: last.status, code: last.code });
}
let running = true;
process.on('message', (m) => { if (m.type === 'stop') running = false; });
process.send({ type: 'loading' });
const list = Object.values(bodies);
const sent = await Promise.all(
  Array.from({ length: 4 }, async (_, i) => {
    let n = 0;
    while (running) await send(list[(i + n++) % list.length]);
    return n;
  }),
);
process.send({ type: 'done', sent: sent.reduce((a, b) => a + b, 0) });
