// A front-end's round trip through a reverse proxy in front of Locket (NginxProxyIT puts a stock
// nginx there: `proxy_pass` only, so nginx speaks HTTP/1.0 to Locket): superuser and user logins,
// record CRUD, a file upload and realtime events. Skipped unless LOCKET_VIA_PROXY is set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';
import { EventSource } from 'eventsource';

globalThis.EventSource ??= EventSource;

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const email = process.env.LOCKET_SUPERUSER_EMAIL ?? 'test@example.com';
const password = process.env.LOCKET_SUPERUSER_PASSWORD ?? '1234567890';
const skip = !process.env.LOCKET_VIA_PROXY && 'needs LOCKET_VIA_PROXY (run by NginxProxyIT)';

const admin = new PocketBase(url);
admin.autoCancellation(false);
const user = new PocketBase(url);
user.autoCancellation(false);

async function until(check, what, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail('timed out waiting for ' + what);
}

before(async () => {
  if (skip) return;
  await admin.collection('_superusers').authWithPassword(email, password);
  for (const name of ['proxy_notes', 'proxy_members']) {
    try { await admin.collections.delete(name); } catch { /* first run */ }
  }
  await admin.collections.create({
    name: 'proxy_members', type: 'auth',
    listRule: 'id = @request.auth.id', viewRule: 'id = @request.auth.id', createRule: '',
    fields: [{ name: 'nick', type: 'text' }],
  });
  await admin.collections.create({
    name: 'proxy_notes', type: 'base',
    listRule: '@request.auth.id != ""', viewRule: '@request.auth.id != ""',
    createRule: '@request.auth.id != ""', updateRule: '@request.auth.id != ""', deleteRule: '@request.auth.id != ""',
    fields: [{ name: 'title', type: 'text' }, { name: 'doc', type: 'file', maxSelect: 1, maxSize: 100000 }],
  });
});

after(() => {
  user.realtime.unsubscribe().catch(() => {});
});

test('superuser and user logins through the proxy', { skip }, async () => {
  assert.ok(admin.authStore.isSuperuser);
  await user.collection('proxy_members').create({
    email: 'member@proxy.test', password: 'member-password', passwordConfirm: 'member-password', nick: 'm',
  });
  const auth = await user.collection('proxy_members').authWithPassword('member@proxy.test', 'member-password');
  assert.equal(auth.record.email, 'member@proxy.test');
  assert.ok(user.authStore.isValid);
  const refreshed = await user.collection('proxy_members').authRefresh();
  assert.equal(refreshed.record.id, auth.record.id);
});

test('record create, list, view, update, file upload and delete through the proxy', { skip }, async () => {
  const form = new FormData();
  form.append('title', 'first');
  form.append('doc', new Blob(['hello through nginx'], { type: 'text/plain' }), 'hello.txt');
  const created = await user.collection('proxy_notes').create(form);
  assert.equal(created.title, 'first');
  assert.match(created.doc, /^hello_\w+\.txt$/);

  const list = await user.collection('proxy_notes').getList(1, 10, { filter: 'title = "first"' });
  assert.equal(list.totalItems, 1);
  const viewed = await user.collection('proxy_notes').getOne(created.id);
  assert.equal(viewed.id, created.id);
  const fileUrl = user.files.getURL(viewed, viewed.doc);
  assert.equal(await (await fetch(fileUrl)).text(), 'hello through nginx');

  const updated = await user.collection('proxy_notes').update(created.id, { title: 'second' });
  assert.equal(updated.title, 'second');
  await user.collection('proxy_notes').delete(created.id);
  await assert.rejects(user.collection('proxy_notes').getOne(created.id), (e) => e.status === 404);
});

test('realtime events arrive through the proxy', { skip }, async () => {
  const events = [];
  await user.collection('proxy_notes').subscribe('*', (e) => events.push(e));
  const rec = await admin.collection('proxy_notes').create({ title: 'live' });
  await until(() => events.length === 1, 'the create event');
  assert.equal(events[0].action, 'create');
  assert.equal(events[0].record.id, rec.id);
  await admin.collection('proxy_notes').update(rec.id, { title: 'live again' });
  await until(() => events.length === 2, 'the update event');
  assert.equal(events[1].record.title, 'live again');
  await user.collection('proxy_notes').unsubscribe('*');
});
