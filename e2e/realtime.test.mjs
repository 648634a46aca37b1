// Realtime through the official JS SDK: subscribe/unsubscribe, filters, rules, auth binding.
// Node 20 has no global EventSource; the SDK expects one, so the `eventsource` package provides it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';
import { EventSource } from 'eventsource';

globalThis.EventSource ??= EventSource;

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const email = process.env.LOCKET_SUPERUSER_EMAIL ?? 'test@example.com';
const password = process.env.LOCKET_SUPERUSER_PASSWORD ?? '1234567890';

const admin = new PocketBase(url);
admin.autoCancellation(false);
const clients = [];

function client() {
  const pb = new PocketBase(url);
  pb.autoCancellation(false);
  clients.push(pb);
  return pb;
}

async function until(check, what, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail('timed out waiting for ' + what);
}

const settle = () => new Promise((r) => setTimeout(r, 400));

before(async () => {
  await admin.collection('_superusers').authWithPassword(email, password);
  for (const name of ['rt_posts', 'rt_secrets', 'rt_members']) {
    try { await admin.collections.delete(name); } catch { /* first run */ }
  }
  await admin.collections.create({
    name: 'rt_posts', type: 'base',
    listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '',
    fields: [{ name: 'title', type: 'text' }, { name: 'status', type: 'text' }, { name: 'secret', type: 'text', hidden: true }],
  });
  await admin.collections.create({
    name: 'rt_secrets', type: 'base', listRule: null, viewRule: null,
    fields: [{ name: 'title', type: 'text' }],
  });
  await admin.collections.create({
    name: 'rt_members', type: 'auth', listRule: 'id = @request.auth.id', viewRule: 'id = @request.auth.id',
    createRule: '', updateRule: 'id = @request.auth.id',
    fields: [{ name: 'nick', type: 'text' }],
  });
});

after(async () => {
  for (const pb of clients) pb.realtime.unsubscribe().catch(() => {});
  admin.realtime.unsubscribe().catch(() => {});
});

test('a guest subscribed to * and to one record receives create, update and delete with the record', async () => {
  const pb = client();
  const all = [];
  const one = [];
  await pb.collection('rt_posts').subscribe('*', (e) => all.push(e));
  const rec = await admin.collection('rt_posts').create({ title: 'first', secret: 's3cret' });
  await pb.collection('rt_posts').subscribe(rec.id, (e) => one.push(e));
  await until(() => all.length === 1, 'the create event');
  assert.equal(all[0].action, 'create');
  assert.equal(all[0].record.id, rec.id);
  assert.equal(all[0].record.title, 'first');
  assert.equal(all[0].record.collectionName, 'rt_posts');
  assert.equal(all[0].record.secret, undefined, 'hidden fields stay hidden from guests');

  await admin.collection('rt_posts').update(rec.id, { title: 'second' });
  await until(() => all.length === 2 && one.length === 1, 'the update events');
  assert.equal(one[0].action, 'update');
  assert.equal(one[0].record.title, 'second');

  await admin.collection('rt_posts').delete(rec.id);
  await until(() => all.length === 3 && one.length === 2, 'the delete events');
  assert.equal(all[2].action, 'delete');
  assert.equal(one[1].record.title, 'second', 'a delete carries the last snapshot');
});

test('subscription options: filter and fields apply per subscriber', async () => {
  const pb = client();
  const filtered = [];
  await pb.collection('rt_posts').subscribe('*', (e) => filtered.push(e), { filter: "status = 'live'", fields: 'id,title' });
  await admin.collection('rt_posts').create({ title: 'draft one', status: 'draft' });
  const live = await admin.collection('rt_posts').create({ title: 'live one', status: 'live' });
  await until(() => filtered.length >= 1, 'the matching event');
  await settle();
  assert.equal(filtered.length, 1);
  assert.deepEqual(filtered[0].record, { id: live.id, title: 'live one' });
});

test('a collection without list access sends nothing to guests, everything to superusers', async () => {
  const guest = client();
  const guestEvents = [];
  const adminEvents = [];
  await guest.collection('rt_secrets').subscribe('*', (e) => guestEvents.push(e));
  await admin.collection('rt_secrets').subscribe('*', (e) => adminEvents.push(e));
  await admin.collection('rt_secrets').create({ title: 'classified' });
  await until(() => adminEvents.length === 1, 'the superuser event');
  await settle();
  assert.equal(guestEvents.length, 0);
  await admin.collection('rt_secrets').unsubscribe('*');
});

test('auth-dependent rules: each member only hears about itself', async () => {
  const alice = client();
  const bob = client();
  await admin.collection('rt_members').create({ email: 'alice@rt.test', password: 'alice-password', passwordConfirm: 'alice-password', nick: 'a' });
  await admin.collection('rt_members').create({ email: 'bob@rt.test', password: 'bob-password', passwordConfirm: 'bob-password', nick: 'b' });
  const a = await alice.collection('rt_members').authWithPassword('alice@rt.test', 'alice-password');
  await bob.collection('rt_members').authWithPassword('bob@rt.test', 'bob-password');
  const aliceEvents = [];
  const bobEvents = [];
  await alice.collection('rt_members').subscribe('*', (e) => aliceEvents.push(e));
  await bob.collection('rt_members').subscribe('*', (e) => bobEvents.push(e));
  await alice.collection('rt_members').update(a.record.id, { nick: 'alice!' });
  await until(() => aliceEvents.length === 1, "alice's own update");
  await settle();
  assert.equal(bobEvents.length, 0);
  assert.equal(aliceEvents[0].record.nick, 'alice!');
  assert.equal(aliceEvents[0].record.email, 'alice@rt.test', 'a member sees its own email');
});

test('unsubscribe stops the events, and the connection closes when nothing is left', async () => {
  const pb = client();
  const seen = [];
  await pb.collection('rt_posts').subscribe('*', (e) => seen.push(e));
  await admin.collection('rt_posts').create({ title: 'heard' });
  await until(() => seen.length === 1, 'the first event');
  await pb.collection('rt_posts').unsubscribe('*');
  assert.equal(pb.realtime.isConnected, false);
  await admin.collection('rt_posts').create({ title: 'not heard' });
  await settle();
  assert.equal(seen.length, 1);
});

test('PB_CONNECT carries the client id the SDK then uses', async () => {
  const pb = client();
  const connects = [];
  await pb.realtime.subscribe('PB_CONNECT', (e) => connects.push(e));
  await until(() => connects.length === 1, 'PB_CONNECT');
  assert.equal(connects[0].clientId.length, 40);
  assert.equal(pb.realtime.clientId, connects[0].clientId);
});
