// Auth through the official JS SDK without a mail server: password login, refresh, impersonation,
// auth-methods, and the mail-sending request endpoints answering without revealing accounts.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const email = process.env.LOCKET_SUPERUSER_EMAIL ?? 'test@example.com';
const password = process.env.LOCKET_SUPERUSER_PASSWORD ?? '1234567890';

const admin = new PocketBase(url);
admin.autoCancellation(false);
const name = 'sdk_members';
let member;

before(async () => {
  await admin.collection('_superusers').authWithPassword(email, password);
  await admin.collections.create({
    name,
    type: 'auth',
    listRule: 'id = @request.auth.id',
    viewRule: 'id = @request.auth.id',
    createRule: '',
    fields: [{ name: 'nickname', type: 'text' }],
    passwordAuth: { enabled: true, identityFields: ['email'] },
  });
  member = await admin.collection(name).create({
    email: 'member@example.com', password: 'member-pass-1', passwordConfirm: 'member-pass-1', nickname: 'Mem',
  });
});

function client() {
  const pb = new PocketBase(url);
  pb.autoCancellation(false);
  return pb;
}

test('password login fills the auth store and never returns the password', async () => {
  const pb = client();
  const auth = await pb.collection(name).authWithPassword('member@example.com', 'member-pass-1');
  assert.ok(pb.authStore.isValid);
  assert.equal(pb.authStore.isSuperuser, false);
  assert.equal(auth.record.email, 'member@example.com');
  assert.equal(auth.record.password, undefined);
  assert.equal(auth.record.tokenKey, undefined);
  await assert.rejects(pb.collection(name).authWithPassword('member@example.com', 'wrong-pass'),
    (e) => e.status === 400 && e.response.message === 'Failed to authenticate.');
});

test('refresh issues a new token for the same record', async () => {
  const pb = client();
  await pb.collection(name).authWithPassword('member@example.com', 'member-pass-1');
  const before = pb.authStore.token;
  await new Promise((r) => setTimeout(r, 1100)); // a different exp second
  const refreshed = await pb.collection(name).authRefresh();
  assert.equal(refreshed.record.id, member.id);
  assert.notEqual(pb.authStore.token, before);
});

test('a superuser impersonates with a non-refreshable token of the chosen duration', async () => {
  const as = await admin.collection(name).impersonate(member.id, 120);
  assert.ok(as.authStore.isValid);
  assert.equal(as.authStore.record.id, member.id);
  const payload = JSON.parse(Buffer.from(as.authStore.token.split('.')[1], 'base64url').toString());
  assert.equal(payload.refreshable, false);
  assert.ok(payload.exp - Date.now() / 1000 <= 121);
  const mine = await as.collection(name).getOne(member.id);
  assert.equal(mine.nickname, 'Mem');
  // refreshing hands back the same token
  const before = as.authStore.token;
  await as.collection(name).authRefresh();
  assert.equal(as.authStore.token, before);
  // a regular user may not impersonate
  const pb = client();
  await pb.collection(name).authWithPassword('member@example.com', 'member-pass-1');
  await assert.rejects(pb.collection(name).impersonate(member.id, 0), (e) => e.status === 403);
});

test('auth-methods lists the password method and disabled sections', async () => {
  const methods = await client().collection(name).listAuthMethods();
  assert.deepEqual(methods.password, { identityFields: ['email'], enabled: true });
  assert.equal(methods.otp.enabled, false);
  assert.equal(methods.mfa.enabled, false);
  assert.equal(methods.oauth2.enabled, false);
});

test('mail-sending requests answer the same for known and unknown addresses', async () => {
  const pb = client();
  assert.equal(await pb.collection(name).requestPasswordReset('member@example.com'), true);
  assert.equal(await pb.collection(name).requestPasswordReset('nobody@example.com'), true);
  assert.equal(await pb.collection(name).requestVerification('member@example.com'), true);
  assert.equal(await pb.collection(name).requestVerification('nobody@example.com'), true);
  await assert.rejects(pb.collection(name).confirmPasswordReset('not-a-token', 'x-pass-123', 'x-pass-123'),
    (e) => e.status === 400 && e.response.data.token.code === 'validation_invalid_token');
});

test('a forged token (alg none) is a guest request', async () => {
  const pb = client();
  await pb.collection(name).authWithPassword('member@example.com', 'member-pass-1');
  const [, payload] = pb.authStore.token.split('.');
  const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
  const forged = client();
  forged.authStore.save(`${header}.${payload}.`, pb.authStore.record);
  const list = await forged.collection(name).getList(1, 10);
  assert.equal(list.items.length, 0, 'listRule sees no auth');
});
