// A real OpenID provider (the certified npm package oidc-provider) beside the test
// process: node runs it as the ES module it is. Its configuration comes as JSON in
// OIDC_TEST_CONFIG: issuer, signing keys (the test holds them too, to forge
// tokens that differ from a genuine one in one claim), clients and accounts.
// The login page is replaced by one POST: the test says who logs in and with what
// assurance (acr, amr), as an eID or a second factor would.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG);

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: config.jwks,
  cookies: { keys: ['test-cookie-key-0123456789'] },
  findAccount: async (_ctx, id) =>
    config.accounts[id] && {
      accountId: id,
      claims: async () => ({ sub: id, ...config.accounts[id] }),
    },
  // amr with the openid scope: Entra ID always puts it in the id_token, and oidc-provider
  // leaves it out unless a requested scope or claim names it.
  claims: { acr: null, amr: null, openid: ['sub', 'amr'], profile: ['name', 'oid', 'groups'] },
  // Entra ID and most municipal providers put the profile claims in the id_token.
  conformIdTokenClaims: false,
  acrValues: ['http://id.elegnamnden.se/loa/1.0/loa2', 'http://id.elegnamnden.se/loa/1.0/loa3'],
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
  // The portal listens on 127.0.0.1 here: lift the provider's guard against requests to
  // special-use addresses, for its back-channel logout calls.
  fetch: (url, options) => globalThis.fetch(url, { ...options, dispatcher: undefined }),
  ttl: { AuthorizationCode: config.codeTtlSeconds ?? 60 },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});
provider.proxy = false;
if (process.env.OIDC_TEST_DEBUG) {
  provider.on('backchannel.error', (_ctx, err) =>
    process.stderr.write(`backchannel.error ${err.message} ${err.cause?.message ?? err.cause}\n`),
  );
  provider.on('backchannel.success', () => process.stderr.write('backchannel.success\n'));
}
if (process.env.OIDC_TEST_DEBUG)
  provider.on('grant.error', (_ctx, err) =>
    process.stderr.write(`grant.error ${err.message} ${err.error_detail ?? ''}\n`),
  );

const callback = provider.callback();

const server = createServer(async (req, res) => {
  const m = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
  if (!m || req.method !== 'POST') return callback(req, res);
  try {
    const body = JSON.parse(await readBody(req));
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      return await provider.interactionFinished(
        req,
        res,
        { login: { accountId: body.accountId, acr: body.acr, amr: body.amr } },
        { mergeWithLastSubmission: false },
      );
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({
          accountId: details.session.accountId,
          clientId: details.params.client_id,
        });
    if (details.prompt.details.missingOIDCScope)
      grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
    if (details.prompt.details.missingOIDCClaims)
      grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
    const grantId = await grant.save();
    return await provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  } catch (e) {
    res.statusCode = 400;
    res.end(String(e?.message ?? e));
  }
});
// Port 0: the OS picks a free one; the test process reads it from this line.
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`oidc-provider ready on ${server.address().port}\n`),
);

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
