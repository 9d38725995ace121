// bench:abuse's attacker (scripts/bench-abuse.ts forks it), in its own process so that
// the server's process does only the server's work. Phase "rounds": each attack ROUNDS
// times in a row, telling the parent when each attack starts and ends (it measures its own
// CPU in between); phase "load": four connections send both attacks until told to stop.
// ADDRESSES > 0: each request comes from the next of that many addresses (x-forwarded-for,
// trusted from loopback), as a flood from many machines that no per-address limit stops.
const { BASE, TOKEN, ROUNDS } = process.env;
const ADDRESSES = Number(process.env.ADDRESSES ?? 0);
let nextAddress = 0;
const address = () => {
  const n = nextAddress++ % ADDRESSES;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};
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
  try {
    const res = await fetch(`${BASE}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TOKEN}`,
        ...(ADDRESSES > 0 ? { 'x-forwarded-for': address() } : {}),
      },
      body,
    });
    const json = await res.json();
    return {
      ms: performance.now() - started,
      status: res.status,
      code: json.errors?.[0]?.extensions?.code,
    };
  } catch {
    // An address over its limit is answered before its body is read, and the connection
    // closed: the upload may end in a reset.
    return { ms: performance.now() - started, status: 0, code: 'connection closed' };
  }
}
const ask = (m) =>
  new Promise((resolve) => {
    process.once('message', resolve);
    process.send(m);
  });

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
process.on('message', (m) => {
  if (m.type === 'stop') running = false;
});
process.send({ type: 'loading' });
const list = Object.values(bodies);
const codes = {};
const sent = await Promise.all(
  Array.from({ length: 4 }, async (_, i) => {
    let n = 0;
    while (running) {
      const { status, code } = await send(list[(i + n++) % list.length]);
      const key = `${status} ${code}`;
      codes[key] = (codes[key] ?? 0) + 1;
    }
    return n;
  }),
);
process.send({ type: 'done', sent: sent.reduce((a, b) => a + b, 0), codes });
