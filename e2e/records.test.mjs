// Drives a running Locket server with the official PocketBase JS SDK, the way a front-end would.
// LOCKET_URL points at the server; LOCKET_SUPERUSER_EMAIL / _PASSWORD at a superuser created beforehand.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const email = process.env.LOCKET_SUPERUSER_EMAIL ?? 'test@example.com';
const password = process.env.LOCKET_SUPERUSER_PASSWORD ?? '1234567890';

const pb = new PocketBase(url);
pb.autoCancellation(false);

before(async () => {
  await pb.collection('_superusers').authWithPassword(email, password);
});

test('superuser login yields a superuser auth store', () => {
  assert.ok(pb.authStore.isValid);
  assert.ok(pb.authStore.isSuperuser);
  assert.equal(pb.authStore.record.email, email);
});

test('health check answers', async () => {
  const health = await pb.health.check();
  assert.equal(health.code, 200);
});

test('a collection with every field type, and its records through their whole life', async () => {
  const target = await pb.collections.create({
    name: 'sdk_targets',
    type: 'base',
    listRule: '',
    viewRule: '',
    fields: [{ name: 'label', type: 'text' }],
  });
  const target1 = await pb.collection('sdk_targets').create({ label: 'one' });

  const things = await pb.collections.create({
    name: 'sdk_things',
    type: 'base',
    listRule: '',
    viewRule: '',
    createRule: '',
    updateRule: '',
    deleteRule: '',
    fields: [
      { name: 'title', type: 'text', required: true, max: 50 },
      { name: 'body', type: 'editor' },
      { name: 'count', type: 'number', min: 0 },
      { name: 'done', type: 'bool' },
      { name: 'contact', type: 'email' },
      { name: 'site', type: 'url' },
      { name: 'due', type: 'date' },
      { name: 'tags', type: 'select', values: ['a', 'b', 'c'], maxSelect: 3 },
      { name: 'kind', type: 'select', values: ['x', 'y'], maxSelect: 1 },
      { name: 'attachment', type: 'file', maxSelect: 1 },
      { name: 'target', type: 'relation', collectionId: target.id, maxSelect: 1 },
      { name: 'meta', type: 'json' },
      { name: 'secret', type: 'password' },
      { name: 'where', type: 'geoPoint' },
      { name: 'created', type: 'autodate', onCreate: true },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
  });
  assert.match(things.id, /^pbc_\d+$/);
  const types = things.fields.map((f) => f.type);
  for (const t of ['text', 'editor', 'number', 'bool', 'email', 'url', 'date', 'select', 'file',
    'relation', 'json', 'password', 'geoPoint', 'autodate']) {
    assert.ok(types.includes(t), `field type ${t} kept`);
  }

  const view = await pb.collections.getOne('sdk_things');
  assert.equal(view.name, 'sdk_things');

  const created = await pb.collection('sdk_things').create({
    title: 'first',
    body: '<p>hello</p>',
    count: 3,
    done: true,
    contact: 'a@example.com',
    site: 'https://example.com',
    due: '2024-05-01 09:15:00.123Z',
    tags: ['a', 'b'],
    kind: 'y',
    target: target1.id,
    meta: { nested: [1, 2] },
    where: { lon: 12.5, lat: 41.9 },
  });
  assert.match(created.id, /^[a-z0-9]{15}$/);
  assert.equal(created.collectionName, 'sdk_things');
  assert.equal(created.title, 'first');
  assert.equal(created.count, 3);
  assert.equal(created.done, true);
  assert.deepEqual(created.tags, ['a', 'b']);
  assert.equal(created.kind, 'y');
  assert.equal(created.due, '2024-05-01 09:15:00.123Z');
  assert.deepEqual(created.meta, { nested: [1, 2] });
  assert.deepEqual(created.where, { lon: 12.5, lat: 41.9 });
  assert.equal(created.attachment, '');
  assert.match(created.created, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);

  const fetched = await pb.collection('sdk_things').getOne(created.id, { expand: 'target' });
  assert.equal(fetched.expand.target.label, 'one');

  const updated = await pb.collection('sdk_things').update(created.id, { 'count+': 2, 'tags+': 'c', title: 'renamed' });
  assert.equal(updated.count, 5);
  assert.deepEqual(updated.tags, ['a', 'b', 'c']);
  assert.equal(updated.title, 'renamed');

  await assert.rejects(
    pb.collection('sdk_things').create({ title: '' }),
    (err) => err.status === 400 && err.response.data.title.code === 'validation_required',
  );

  for (let i = 0; i < 7; i++) {
    await pb.collection('sdk_things').create({ title: `item${i}`, count: i });
  }
  const page2 = await pb.collection('sdk_things').getList(2, 3, { filter: 'count >= 0', sort: '-count' });
  assert.equal(page2.page, 2);
  assert.equal(page2.perPage, 3);
  assert.equal(page2.totalItems, 8);
  assert.equal(page2.totalPages, 3);
  assert.equal(page2.items.length, 3);

  const all = await pb.collection('sdk_things').getFullList({ batch: 3 });
  assert.equal(all.length, 8);

  const first = await pb.collection('sdk_things').getFirstListItem('title = "renamed"');
  assert.equal(first.id, created.id);

  await pb.collection('sdk_things').delete(created.id);
  await assert.rejects(pb.collection('sdk_things').getOne(created.id), (err) => err.status === 404);

  await pb.collections.delete('sdk_things');
  await pb.collections.delete('sdk_targets');
});

test('auth refresh keeps the session', async () => {
  const refreshed = await pb.collection('_superusers').authRefresh();
  assert.ok(refreshed.token.length > 20);
  assert.equal(refreshed.record.email, email);
});
