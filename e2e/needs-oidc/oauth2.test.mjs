// OAuth2 login through the official JS SDK against a test OpenID Connect provider.
// Needs LOCKET_OIDC_URL (the provider's base URL, started by OAuth2SdkIT); skipped without it so the
// plain suite run stays independent of extra servers.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';
// The popup flow waits for the code on realtime; Node 20 has no global EventSource.
import { EventSource } from 'eventsource';

globalThis.EventSource ??= EventSource;

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const oidc = process.env.LOCKET_OIDC_URL;
const email = process.env.LOCKET_SUPERUSER_EMAIL ?? 'test@example.com';
const password = process.env.LOCKET_SUPERUSER_PASSWORD ?? '1234567890';
const skip = oidc ? false : 'LOCKET_OIDC_URL not set (run through OAuth2SdkIT)';
const redirectURL = `${url}/api/oauth2-redirect`;

const admin = new PocketBase(url);
admin.autoCancellation(false);

before(async () => {
  if (skip) return;
  await admin.collection('_superusers').authWithPassword(email, password);
  await admin.collections.update('users', {
    oauth2: {
      enabled: true,
      mappedFields: { name: 'name' },
      providers: [{
        name: 'oidc',
        displayName: 'Test IdP',
        clientId: process.env.LOCKET_OIDC_CLIENT_ID,
        clientSecret: process.env.LOCKET_OIDC_CLIENT_SECRET,
        authURL: `${oidc}/authorize`,
        tokenURL: `${oidc}/token`,
        userInfoURL: `${oidc}/userinfo`,
      }],
    },
  });
});

// What the browser does in the popup: open the provider's page and come back with a code.
async function signInAtProvider(provider, who) {
  const res = await fetch(`${provider.authURL}${encodeURIComponent(redirectURL)}&login_hint=${who}`,
    { redirect: 'manual' });
  assert.equal(res.status, 302);
  const back = new URL(res.headers.get('location'));
  assert.equal(back.searchParams.get('state'), provider.state);
  return back.searchParams.get('code');
}

test('auth methods list the OAuth2 provider with PKCE', { skip }, async () => {
  const pb = new PocketBase(url);
  const methods = await pb.collection('users').listAuthMethods();
  assert.equal(methods.oauth2.enabled, true);
  const provider = methods.oauth2.providers.find((p) => p.name === 'oidc');
  assert.equal(provider.displayName, 'Test IdP');
  assert.equal(provider.codeChallengeMethod, 'S256');
  assert.ok(provider.authURL.endsWith('&redirect_uri='));
});

test('authWithOAuth2Code creates the user, then finds it again', { skip }, async () => {
  const who = `sdk${Date.now()}`;
  const pb = new PocketBase(url);
  pb.autoCancellation(false);
  const methods = await pb.collection('users').listAuthMethods();
  let provider = methods.oauth2.providers.find((p) => p.name === 'oidc');
  let code = await signInAtProvider(provider, who);

  const first = await pb.collection('users').authWithOAuth2Code('oidc', code, provider.codeVerifier, redirectURL,
    { emailVisibility: true });
  assert.ok(pb.authStore.isValid);
  assert.equal(pb.authStore.record.id, first.record.id);
  assert.equal(first.record.email, `${who}@example.com`);
  assert.equal(first.record.verified, true);
  assert.equal(first.record.emailVisibility, true);
  assert.equal(first.record.name, `User ${who}`);
  assert.equal(first.meta.isNew, true);
  assert.equal(first.meta.id, who);
  assert.ok(first.meta.accessToken);

  // The session works like any other: refresh it.
  const refreshed = await pb.collection('users').authRefresh();
  assert.equal(refreshed.record.id, first.record.id);

  provider = (await pb.collection('users').listAuthMethods()).oauth2.providers.find((p) => p.name === 'oidc');
  code = await signInAtProvider(provider, who);
  const again = await new PocketBase(url).collection('users')
    .authWithOAuth2Code('oidc', code, provider.codeVerifier, redirectURL);
  assert.equal(again.record.id, first.record.id);
  assert.equal(again.meta.isNew, false);
});

test('a code redeemed with another verifier is refused', { skip }, async () => {
  const pb = new PocketBase(url);
  const methods = await pb.collection('users').listAuthMethods();
  const provider = methods.oauth2.providers.find((p) => p.name === 'oidc');
  const code = await signInAtProvider(provider, `pkce${Date.now()}`);
  await assert.rejects(
    pb.collection('users').authWithOAuth2Code('oidc', code, 'x'.repeat(43), redirectURL),
    (err) => err.status === 400 && err.response.message === 'Failed to fetch OAuth2 token.',
  );
  assert.equal(pb.authStore.isValid, false);
});

test('the popup flow: authWithOAuth2 receives the code over realtime from /api/oauth2-redirect', { skip },
  async () => {
    const who = `popup${Date.now()}`;
    const pb = new PocketBase(url);
    const result = await pb.collection('users').authWithOAuth2({
      provider: 'oidc',
      // the "browser": sign in at the provider, then follow its redirect back to Locket
      urlCallback: async (authURL) => {
        const atProvider = await fetch(`${authURL}&login_hint=${who}`, { redirect: 'manual' });
        assert.equal(atProvider.status, 302);
        const back = await fetch(atProvider.headers.get('location'), { redirect: 'manual' });
        assert.equal(back.status, 307);
        assert.ok(back.headers.get('location').endsWith('oauth2-redirect-success'));
      },
    });
    assert.equal(result.record.email, `${who}@example.com`);
    assert.equal(result.meta.isNew, true);
    assert.ok(pb.authStore.isValid);
    pb.realtime.unsubscribe();
  });
