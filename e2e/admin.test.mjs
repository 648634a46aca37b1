// The superuser admin/ops APIs (spec/admin-and-ops.md: settings, crons, logs, backups) through the official
// JS SDK. Settings changed here are put back at the end, so this file can share a server with the others.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const email = process.env.LOCKET_SUPERUSER_EMAIL ?? 'test@example.com';
const password = process.env.LOCKET_SUPERUSER_PASSWORD ?? '1234567890';

const pb = new PocketBase(url);
pb.autoCancellation(false);
const guest = new PocketBase(url);
guest.autoCancellation(false);

let original;

before(async () => {
  await pb.collection('_superusers').authWithPassword(email, password);
  original = await pb.settings.getAll();
});

after(async () => {
  await pb.settings.update({ meta: original.meta });
  for (const b of await pb.backups.getFullList()) {
    if (b.key.startsWith('adm_e2e')) {
      await pb.backups.delete(b.key);
    }
  }
});

test('settings come back in full, without secrets, and only for superusers', async () => {
  const s = await pb.settings.getAll();
  for (const key of ['meta', 'logs', 'smtp', 's3', 'backups', 'batch', 'rateLimits', 'trustedProxy']) {
    assert.ok(key in s, key);
  }
  assert.equal('password' in s.smtp, false);
  assert.equal('secret' in s.s3, false);
  await assert.rejects(guest.settings.getAll(), (e) => e.status === 401);
});

test('a partial update merges, keeps secrets hidden and validates', async () => {
  const updated = await pb.settings.update({ meta: { appName: 'Admin E2E' }, smtp: { password: 'e2e-secret' } });
  assert.equal(updated.meta.appName, 'Admin E2E');
  assert.equal(updated.meta.appURL, original.meta.appURL);
  assert.equal('password' in updated.smtp, false);
  assert.equal(JSON.stringify(updated).includes('e2e-secret'), false);

  await assert.rejects(
    pb.settings.update({ meta: { appURL: '' }, rateLimits: { rules: [{ label: 'no good!', duration: 1, maxRequests: 1 }] } }),
    (e) => e.status === 400
      && e.response.data.meta.appURL.code === 'validation_required'
      && e.response.data.rateLimits.rules['0'].label.code === 'validation_match_invalid');
  assert.equal((await pb.settings.getAll()).meta.appName, 'Admin E2E');
});

test('crons list the system jobs and run on demand', async () => {
  const jobs = await pb.crons.getFullList();
  const ids = jobs.map((j) => j.id);
  for (const id of ['__pbLogsCleanup__', '__pbDBOptimize__', '__pbMFACleanup__', '__pbOTPCleanup__']) {
    assert.ok(ids.includes(id), id);
  }
  assert.equal(jobs.find((j) => j.id === '__pbDBOptimize__').expression, '0 0 * * *');
  await pb.crons.run('__pbDBOptimize__');
  await assert.rejects(pb.crons.run('no_such_job'), (e) => e.status === 404);
});

test('failed requests show up in the logs', async () => {
  await assert.rejects(guest.collection('adm_e2e_missing').getList(), (e) => e.status === 404);
  let found;
  for (let i = 0; i < 30 && !found; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const page = await pb.logs.getList(1, 10, { filter: 'data.url ~ "adm_e2e_missing" && data.status = 404' });
    found = page.items[0];
  }
  assert.ok(found, 'the failed request was logged');
  assert.equal(found.level, 8);
  assert.equal((await pb.logs.getOne(found.id)).id, found.id);
  const stats = await pb.logs.getStats({ filter: 'level = 8' });
  assert.ok(stats.length >= 1 && stats[0].total >= 1);
});

test('backups are created, listed and deleted', async () => {
  await pb.backups.create('adm_e2e_backup.zip');
  const list = await pb.backups.getFullList();
  const backup = list.find((b) => b.key === 'adm_e2e_backup.zip');
  assert.ok(backup && backup.size > 0);
  await assert.rejects(pb.backups.create('adm_e2e_backup.zip'),
    (e) => e.status === 400 && e.response.data.name.code === 'validation_backup_name_exists');
  await pb.backups.delete('adm_e2e_backup.zip');
  assert.equal((await pb.backups.getFullList()).some((b) => b.key === 'adm_e2e_backup.zip'), false);
});
