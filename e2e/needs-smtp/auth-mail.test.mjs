// Mail-driven auth through the official JS SDK. Needs a mail server whose received mails are
// readable at LOCKET_MAIL_URL (JsSdkAuthMailIT starts GreenMail and such an endpoint); skipped otherwise.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const mailUrl = process.env.LOCKET_MAIL_URL;
const email = process.env.LOCKET_SUPERUSER_EMAIL ?? 'test@example.com';
const password = process.env.LOCKET_SUPERUSER_PASSWORD ?? '1234567890';
const skip = !mailUrl && 'needs LOCKET_MAIL_URL (run by JsSdkAuthMailIT)';

const admin = new PocketBase(url);
admin.autoCancellation(false);
const name = 'sdk_mail_members';

function client() {
  const pb = new PocketBase(url);
  pb.autoCancellation(false);
  return pb;
}

/** Waits for the newest mail to `to` whose subject contains `subject`, newer than `after` mails. */
async function mailTo(to, subject, after = 0) {
  for (let i = 0; i < 100; i++) {
    const mails = await (await fetch(`${mailUrl}?to=${encodeURIComponent(to)}`)).json();
    const hit = mails.slice(after).reverse().find((m) => m.subject.includes(subject));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail "${subject}" to ${to}`);
}

async function mailCount(to) {
  return (await (await fetch(`${mailUrl}?to=${encodeURIComponent(to)}`)).json()).length;
}

function tokenIn(mail, action) {
  const m = mail.html.match(new RegExp(`/_/#/auth/${action}/([A-Za-z0-9_.-]+)`));
  assert.ok(m, mail.html);
  return m[1];
}

function otpIn(mail) {
  const m = mail.html.match(/<strong>(\d+)<\/strong>/);
  assert.ok(m, mail.html);
  return m[1];
}

before(async () => {
  if (skip) return;
  await admin.collection('_superusers').authWithPassword(email, password);
  await admin.collections.create({
    name,
    type: 'auth',
    listRule: 'id = @request.auth.id',
    viewRule: 'id = @request.auth.id',
    createRule: '',
    updateRule: 'id = @request.auth.id',
    otp: { enabled: true, duration: 180, length: 6 },
  });
  for (const who of ['otp', 'verify', 'reset', 'change', 'mfa']) {
    await admin.collection(name).create({
      email: `${who}@example.com`, password: 'start-pass-1', passwordConfirm: 'start-pass-1',
    });
  }
});

test('OTP login with the code from the mail', { skip }, async () => {
  const pb = client();
  const { otpId } = await pb.collection(name).requestOTP('otp@example.com');
  const code = otpIn(await mailTo('otp@example.com', 'OTP'));
  const auth = await pb.collection(name).authWithOTP(otpId, code);
  assert.equal(auth.record.email, 'otp@example.com');
  assert.ok(pb.authStore.isValid);
  await assert.rejects(client().collection(name).authWithOTP(otpId, code), (e) => e.status === 400);
});

test('verification through the mailed link', { skip }, async () => {
  const pb = client();
  await pb.collection(name).authWithPassword('verify@example.com', 'start-pass-1');
  assert.equal(pb.authStore.record.verified, false);
  await pb.collection(name).requestVerification('verify@example.com');
  const token = tokenIn(await mailTo('verify@example.com', 'Verify'), 'confirm-verification');
  await pb.collection(name).confirmVerification(token);
  const fresh = await pb.collection(name).authRefresh();
  assert.equal(fresh.record.verified, true);
});

test('password reset through the mailed link revokes the old session', { skip }, async () => {
  const old = client();
  await old.collection(name).authWithPassword('reset@example.com', 'start-pass-1');
  await client().collection(name).requestPasswordReset('reset@example.com');
  const token = tokenIn(await mailTo('reset@example.com', 'Reset'), 'confirm-password-reset');
  await client().collection(name).confirmPasswordReset(token, 'after-pass-2', 'after-pass-2');
  await assert.rejects(old.collection(name).authRefresh(), (e) => e.status === 401);
  const pb = client();
  await pb.collection(name).authWithPassword('reset@example.com', 'after-pass-2');
  assert.ok(pb.authStore.isValid);
  // unknown addresses get no mail
  const before = await mailCount('nobody@example.com');
  await client().collection(name).requestPasswordReset('nobody@example.com');
  assert.equal(await mailCount('nobody@example.com'), before);
});

test('email change: the link mailed to the new address switches it and ends the old session', { skip },
  async () => {
    const pb = client();
    await pb.collection(name).authWithPassword('change@example.com', 'start-pass-1');
    const newEmail = `changed${Date.now()}@example.com`;
    await pb.collection(name).requestEmailChange(newEmail);
    const token = tokenIn(await mailTo(newEmail, 'new email'), 'confirm-email-change');
    await client().collection(name).confirmEmailChange(token, 'start-pass-1');
    await assert.rejects(pb.collection(name).authRefresh(), (e) => e.status === 401);
    const again = client();
    const auth = await again.collection(name).authWithPassword(newEmail, 'start-pass-1');
    assert.equal(auth.record.email, newEmail);
    assert.equal(auth.record.verified, true);
    await assert.rejects(client().collection(name).authWithPassword('change@example.com', 'start-pass-1'),
      (e) => e.status === 400);
  });

test('MFA: the password answers 401 with an mfaId, the mailed OTP completes', { skip }, async () => {
  await admin.collections.update(name, { mfa: { enabled: true, duration: 600, rule: '' } });
  const pb = client();
  let mfaId;
  await assert.rejects(pb.collection(name).authWithPassword('mfa@example.com', 'start-pass-1'), (e) => {
    mfaId = e.response.mfaId;
    return e.status === 401 && typeof mfaId === 'string' && mfaId.length > 0;
  });
  const { otpId } = await pb.collection(name).requestOTP('mfa@example.com');
  const code = otpIn(await mailTo('mfa@example.com', 'OTP'));
  const auth = await pb.collection(name).authWithOTP(otpId, code, { mfaId });
  assert.equal(auth.record.email, 'mfa@example.com');
  assert.ok(pb.authStore.isValid);
});
