// A real OpenID Provider for the single sign-on tests: panva's certified oidc-provider, on a
// loopback port, with its development sign-in form (any account id; the password is ignored).
//
// Environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, and ACCOUNTS: a JSON object of
// account id -> claims, e.g. {"alice": {"email": "a@example.org", "email_verified": true}}.
// Prints "ready <issuer>" on stdout once it listens; tests/oidc/__init__.py waits for it.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.ACCOUNTS || '{}');

const configuration = {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['given_name', 'family_name', 'name'],
  },
  async findAccount(ctx, id) {
    const claims = accounts[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
  // The service is a first-party client: no consent screen, as an organisation's own
  // identity provider (NHS CIS2, Entra ID) configures it for its own staff.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true } },
};

const provider = new Provider(issuer, configuration);
// The development sign-in form and its keys warn on stderr; that is expected here.
provider.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
