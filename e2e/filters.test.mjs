// The filter language (spec/filter-and-rules.md) driven through the official JS SDK, with values bound by
// pb.filter("... {:name} ...", {...}) the way a front-end does it. Collections are prefixed flt_ so this file
// shares a server with the other e2e files without interfering.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const email = process.env.LOCKET_SUPERUSER_EMAIL ?? 'test@example.com';
const password = process.env.LOCKET_SUPERUSER_PASSWORD ?? '1234567890';

const pb = new PocketBase(url);
pb.autoCancellation(false);
const alice = new PocketBase(url);
alice.autoCancellation(false);
const bob = new PocketBase(url);
bob.autoCancellation(false);

let u1, u2, t1, t2, t3, p1, p2, p3, p4;

// p3.due is "now minus a second", so it is between @todayStart and @now (unless the run straddles midnight UTC).
const recent = new Date(Date.now() - 1000);

before(async () => {
  await pb.collection('_superusers').authWithPassword(email, password);

  const users = await pb.collections.create({
    name: 'flt_users',
    type: 'auth',
    listRule: '',
    viewRule: '',
    fields: [{ name: 'name', type: 'text' }],
  });
  const tags = await pb.collections.create({
    name: 'flt_tags', type: 'base', listRule: '', viewRule: '',
    fields: [{ name: 'name', type: 'text' }],
  });
  await pb.collections.create({
    name: 'flt_teams', type: 'base',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'owner', type: 'relation', collectionId: users.id, maxSelect: 1 },
    ],
  });
  const posts = await pb.collections.create({
    name: 'flt_posts', type: 'base', listRule: '', viewRule: '',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'views', type: 'number' },
      { name: 'published', type: 'bool' },
      { name: 'due', type: 'date' },
      { name: 'cats', type: 'select', values: ['a', 'b', 'c'], maxSelect: 3 },
      { name: 'author', type: 'relation', collectionId: users.id, maxSelect: 1 },
      { name: 'tags', type: 'relation', collectionId: tags.id, maxSelect: 5 },
      { name: 'meta', type: 'json' },
      { name: 'loc', type: 'geoPoint' },
      { name: 'note', type: 'text' },
    ],
  });
  await pb.collections.create({
    name: 'flt_comments', type: 'base', listRule: '', viewRule: '',
    fields: [
      { name: 'body', type: 'text' },
      { name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1 },
    ],
  });

  u1 = await pb.collection('flt_users').create({
    email: 'alice@flt.example.com', password: 'alice-pass-1', passwordConfirm: 'alice-pass-1', name: 'Alice',
  });
  u2 = await pb.collection('flt_users').create({
    email: 'bob@flt.example.com', password: 'bob-pass-12', passwordConfirm: 'bob-pass-12', name: 'Bob',
  });
  t1 = await pb.collection('flt_tags').create({ name: 'news' });
  t2 = await pb.collection('flt_tags').create({ name: 'tech' });
  t3 = await pb.collection('flt_tags').create({ name: 'sport' });
  await pb.collection('flt_teams').create({ name: 'red', owner: u1.id });

  const P = pb.collection('flt_posts');
  p1 = await P.create({
    title: '100% sure', views: 10, published: true, due: '2024-01-15 10:00:00.000Z', cats: ['a', 'b'],
    author: u1.id, tags: [t1.id, t2.id], meta: { level: 1, color: 'red' }, loc: { lon: 23.32, lat: 42.69 }, note: 'x',
  });
  p2 = await P.create({
    title: "it's under_score", views: 20, published: false, due: '2025-06-01 08:00:00.000Z', cats: ['a'],
    author: u2.id, tags: [t1.id], meta: { level: 2 }, loc: { lon: 0, lat: 0 }, note: '',
  });
  p3 = await P.create({
    title: 'Plain Title', views: 30, published: true, due: recent.toISOString(), loc: { lon: 23.4, lat: 42.7 },
  });
  p4 = await P.create({
    title: '1000 sure underXscore', views: 10, published: false, cats: ['b', 'c'], author: u1.id, tags: [t3.id],
    meta: { level: 3 }, note: 'y',
  });

  const C = pb.collection('flt_comments');
  await C.create({ body: 'great post', post: p1.id });
  await C.create({ body: 'meh', post: p1.id });
  await C.create({ body: 'Great stuff', post: p2.id });

  await alice.collection('flt_users').authWithPassword('alice@flt.example.com', 'alice-pass-1');
  await bob.collection('flt_users').authWithPassword('bob@flt.example.com', 'bob-pass-12');
});

/** Ids of the posts matching a filter, in insertion order. */
async function ids(filter, client = pb) {
  const list = await client.collection('flt_posts').getFullList({ filter, sort: '@rowid' });
  return list.map((r) => r.id);
}

function expect(...records) {
  return records.map((r) => r.id);
}

test('ordering and equality operators on numbers and booleans, with bound values', async () => {
  assert.deepEqual(await ids(pb.filter('views = {:v}', { v: 10 })), expect(p1, p4));
  assert.deepEqual(await ids(pb.filter('views != {:v}', { v: 10 })), expect(p2, p3));
  assert.deepEqual(await ids(pb.filter('views > {:v}', { v: 10 })), expect(p2, p3));
  assert.deepEqual(await ids(pb.filter('views >= {:v}', { v: 20 })), expect(p2, p3));
  assert.deepEqual(await ids(pb.filter('views < {:v}', { v: 20 })), expect(p1, p4));
  assert.deepEqual(await ids(pb.filter('views <= {:v}', { v: 20 })), expect(p1, p2, p4));
  assert.deepEqual(await ids(pb.filter('views = {:v}', { v: 10.0 })), expect(p1, p4));
  assert.deepEqual(await ids(pb.filter('published = {:b}', { b: true })), expect(p1, p3));
  assert.deepEqual(await ids(pb.filter('published = {:b}', { b: false })), expect(p2, p4));
  assert.deepEqual(await ids('published = TRUE'), expect(p1, p3));
});

test('text equality with quotes in the bound value', async () => {
  assert.deepEqual(await ids(pb.filter('title = {:t}', { t: "it's under_score" })), expect(p2));
  assert.deepEqual(await ids(pb.filter('title != {:t}', { t: "it's under_score" })), expect(p1, p3, p4));
  assert.deepEqual(await ids(`title = "it's under_score"`), expect(p2));
  assert.deepEqual(await ids(`title = 'it\\'s under_score'`), expect(p2));
});

test('~ and !~: substring, case-insensitive, _ escaped, an unescaped % makes a raw LIKE pattern', async () => {
  assert.deepEqual(await ids(pb.filter('title ~ {:t}', { t: 'PLAIN' })), expect(p3));
  assert.deepEqual(await ids(pb.filter('title ~ {:t}', { t: '100' })), expect(p1, p4));
  // '_' is escaped when auto-wrapping, so it does not match the X of "underXscore".
  assert.deepEqual(await ids(pb.filter('title ~ {:t}', { t: 'under_score' })), expect(p2));
  // With an unescaped % the value is the whole pattern: "% sure" means "ends with ' sure'".
  assert.deepEqual(await ids(pb.filter('title ~ {:t}', { t: '% sure' })), expect(p1));
  assert.deepEqual(await ids(pb.filter('title ~ {:t}', { t: '100%' })), expect(p1, p4));
  // Raw pattern: '_' is a one-character wildcard there.
  assert.deepEqual(await ids(pb.filter('title ~ {:t}', { t: '%under_score' })), expect(p2, p4));
  assert.deepEqual(await ids(pb.filter('title !~ {:t}', { t: 'sure' })), expect(p2, p3));
  assert.deepEqual(await ids(pb.filter('title !~ {:t}', { t: 'under_score' })), expect(p1, p3, p4));
});

test('multi-valued paths: :each, relation traversal, ?= ?!= ?~ and the "every" plain operators', async () => {
  assert.deepEqual(await ids(pb.filter('cats:each ?= {:c}', { c: 'b' })), expect(p1, p4));
  assert.deepEqual(await ids(pb.filter('cats:each = {:c}', { c: 'a' })), expect(p2));
  // An empty list behaves like one empty value, so it satisfies "!=".
  assert.deepEqual(await ids(pb.filter('cats:each ?!= {:c}', { c: 'a' })), expect(p1, p3, p4));
  assert.deepEqual(await ids(pb.filter('cats:each ?~ {:c}', { c: 'C' })), expect(p4));
  // A multiple field without :each is its stored JSON text.
  assert.deepEqual(await ids(pb.filter('cats ?= {:c}', { c: 'a' })), []);
  assert.deepEqual(await ids(pb.filter('tags.name ?= {:n}', { n: 'news' })), expect(p1, p2));
  assert.deepEqual(await ids(pb.filter('tags.name = {:n}', { n: 'news' })), expect(p2));
  assert.deepEqual(await ids(pb.filter('tags.name ?~ {:n}', { n: 'spo' })), expect(p4));
  assert.deepEqual(await ids(pb.filter('tags.name ?!= {:n}', { n: 'news' })), expect(p1, p3, p4));
  assert.deepEqual(await ids(pb.filter('tags.id ?= {:id}', { id: t2.id })), expect(p1));
});

test(':length and :lower modifiers', async () => {
  assert.deepEqual(await ids('cats:length = 2'), expect(p1, p4));
  assert.deepEqual(await ids('cats:length = 0'), expect(p3));
  assert.deepEqual(await ids('tags:length > 1'), expect(p1));
  assert.deepEqual(await ids('author:length = 1'), expect(p1, p2, p4));
  assert.deepEqual(await ids(pb.filter('title:lower = {:t}', { t: 'plain title' })), expect(p3));
  assert.deepEqual(await ids(pb.filter('author.name:lower = {:n}', { n: 'bob' })), expect(p2));
});

test('single relation traversal and back-relations', async () => {
  assert.deepEqual(await ids(pb.filter('author.name = {:n}', { n: 'Alice' })), expect(p1, p4));
  assert.deepEqual(await ids(pb.filter('author.email = {:e}', { e: 'bob@flt.example.com' })), expect(p2));
  assert.deepEqual(await ids(pb.filter('flt_comments_via_post.body ?~ {:b}', { b: 'great' })), expect(p1, p2));
  assert.deepEqual(await ids(pb.filter('flt_comments_via_post.body ?= {:b}', { b: 'meh' })), expect(p1));
  // Plain operator over a back-relation: every comment must match (p2's only comment does, p1's "meh" does not).
  assert.deepEqual(await ids(pb.filter('flt_comments_via_post.body ~ {:b}', { b: 'great' })), expect(p2));
});

test('&&, || and parentheses', async () => {
  assert.deepEqual(await ids('views = 10 && published = true || views = 30'), expect(p1, p3));
  assert.deepEqual(await ids('views = 10 && (published = true || views = 30)'), expect(p1));
  assert.deepEqual(await ids('(views = 10 || views = 20) && (published = false)'), expect(p2, p4));
  assert.deepEqual(await ids('((views > 15)) || (title ~ "100" && (note = "y"))'), expect(p2, p3, p4));
});

test('NULL and empty string are equal; json paths', async () => {
  assert.deepEqual(await ids(pb.filter('note = {:n}', { n: null })), expect(p2, p3));
  assert.deepEqual(await ids("note = ''"), expect(p2, p3));
  assert.deepEqual(await ids('note != null'), expect(p1, p4));
  assert.deepEqual(await ids(pb.filter('author = {:a}', { a: '' })), expect(p3));
  assert.deepEqual(await ids('meta = null'), expect(p3));
  assert.deepEqual(await ids('meta.level = 2'), expect(p2));
  assert.deepEqual(await ids(pb.filter('meta.color = {:c}', { c: 'red' })), expect(p1));
  assert.deepEqual(await ids('meta.color = null'), expect(p2, p3, p4));
  assert.deepEqual(await ids('meta.color != null'), expect(p1));
  assert.deepEqual(await ids("due = ''"), expect(p4));
});

test('dates: bound Date objects and datetime macros', async () => {
  assert.deepEqual(await ids(pb.filter('due >= {:d}', { d: new Date('2025-01-01T00:00:00Z') })), expect(p2, p3));
  assert.deepEqual(
    await ids(pb.filter('due > {:a} && due < {:b}', { a: new Date('2024-01-01T00:00:00Z'), b: new Date('2025-01-01T00:00:00Z') })),
    expect(p1),
  );
  assert.deepEqual(await ids('due >= @todayStart && due <= @now'), expect(p3));
  assert.deepEqual(await ids("due != '' && due < @now"), expect(p1, p2, p3));
  assert.deepEqual(await ids('due > @now'), []);
  assert.deepEqual(await ids('due >= @yearStart && due <= @yearEnd'), expect(p3));
  assert.deepEqual(await ids("due >= '2024-01-15 00:00:00' && due < '2024-01-16'"), expect(p1));
});

test('geoDistance and strftime', async () => {
  assert.deepEqual(await ids('geoDistance(loc.lon, loc.lat, 23.32, 42.69) < 25'), expect(p1, p3));
  assert.deepEqual(await ids('geoDistance(loc.lon, loc.lat, 23.32, 42.69) < 1'), expect(p1));
  assert.deepEqual(await ids(pb.filter('loc.lat > {:l}', { l: 42.695 })), expect(p3));
  assert.deepEqual(await ids("strftime('%Y', due) = '2024'"), expect(p1));
  assert.deepEqual(await ids(pb.filter("strftime('%Y-%m', due) = {:m}", { m: '2025-06' })), expect(p2));
  assert.deepEqual(await ids("strftime('%Y-%m', due) = ''"), expect(p4));
});

test('sort by several keys, by a relation field, and @random', async () => {
  const byViews = await pb.collection('flt_posts').getFullList({ sort: '-views,title' });
  assert.deepEqual(byViews.map((r) => r.id), expect(p3, p2, p1, p4));
  const byAuthor = await pb.collection('flt_posts').getFullList({ sort: '-author.name,+title' });
  assert.deepEqual(byAuthor.map((r) => r.id), expect(p2, p1, p4, p3));
  const byPublished = await pb.collection('flt_posts').getFullList({ sort: 'published, -views' });
  assert.deepEqual(byPublished.map((r) => r.id), expect(p2, p4, p3, p1));
  const random = await pb.collection('flt_posts').getFullList({ sort: '@random' });
  assert.deepEqual(random.map((r) => r.id).sort(), expect(p1, p2, p3, p4).sort());
  const filteredRandom = await pb.collection('flt_posts').getList(1, 10, { sort: '@random', filter: 'views = 10' });
  assert.deepEqual(filteredRandom.items.map((r) => r.id).sort(), expect(p1, p4).sort());
});

test('a malformed filter or sort answers 400, never 500', async () => {
  for (const filter of ['views >', 'views = 1 &&', '(views = 1', '()', 'nosuchfield = 1', "title = 'open",
    'nosuchfn(views) = 1', 'views = 1 views = 2', 'author.name.x = 1', 'title:nosuchmod = 1',
    'flt_comments_via_title.body = 1']) {
    await assert.rejects(
      pb.collection('flt_posts').getList(1, 10, { filter }),
      (err) => {
        assert.equal(err.status, 400, `filter ${JSON.stringify(filter)} answered ${err.status}`);
        return true;
      },
    );
  }
  for (const sort of ['nosuchfield', 'title,', '@now']) {
    await assert.rejects(
      pb.collection('flt_posts').getList(1, 10, { sort }),
      (err) => {
        assert.equal(err.status, 400, `sort ${JSON.stringify(sort)} answered ${err.status}`);
        return true;
      },
    );
  }
});

test('a normal user may filter, but not with @request.* or @collection.*', async () => {
  assert.deepEqual(await ids(pb.filter('author.name = {:n}', { n: 'Alice' }), alice), expect(p1, p4));
  for (const filter of ["@request.auth.id != ''", "@collection.flt_tags.name ?= 'news'"]) {
    await assert.rejects(
      alice.collection('flt_posts').getList(1, 10, { filter }),
      (err) => {
        assert.equal(err.status, 403, `filter ${JSON.stringify(filter)} answered ${err.status}`);
        return true;
      },
    );
  }
  await assert.rejects(
    alice.collection('flt_posts').getList(1, 10, { sort: '@request.auth.id' }),
    (err) => err.status === 403,
  );
});

test('API rules with :isset, :changed and @collection, checked as normal users', async () => {
  await pb.collections.create({
    name: 'flt_notes', type: 'base',
    listRule: 'owner = @request.auth.id',
    viewRule: 'owner = @request.auth.id',
    createRule: "@request.auth.id != '' && owner = @request.auth.id && @request.body.status:isset = false"
      + ' && @collection.flt_teams.owner ?= @request.auth.id',
    updateRule: 'owner = @request.auth.id && @request.body.status:changed = false',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'status', type: 'text' },
      { name: 'owner', type: 'relation', collectionId: u1.collectionId, maxSelect: 1 },
    ],
  });

  // Alice owns a team, so @collection.flt_teams.owner ?= her id holds.
  const note = await alice.collection('flt_notes').create({ title: 'mine', owner: u1.id });
  assert.equal(note.status, '');
  // status present in the body, even empty, fails :isset = false.
  await assert.rejects(
    alice.collection('flt_notes').create({ title: 'with status', owner: u1.id, status: '' }),
    (err) => err.status === 400,
  );
  // Creating for someone else fails the owner check.
  await assert.rejects(
    alice.collection('flt_notes').create({ title: 'for bob', owner: u2.id }),
    (err) => err.status === 400,
  );
  // Bob owns no team, so the @collection condition fails.
  await assert.rejects(
    bob.collection('flt_notes').create({ title: 'bobs', owner: u2.id }),
    (err) => err.status === 400,
  );

  // Sending status unchanged is fine, changing it is not (update rule failure answers 404).
  const renamed = await alice.collection('flt_notes').update(note.id, { title: 'renamed', status: '' });
  assert.equal(renamed.title, 'renamed');
  await assert.rejects(
    alice.collection('flt_notes').update(note.id, { status: 'done' }),
    (err) => err.status === 404,
  );
  await assert.rejects(
    bob.collection('flt_notes').update(note.id, { title: 'hijacked' }),
    (err) => err.status === 404,
  );
  const stored = await pb.collection('flt_notes').getOne(note.id);
  assert.equal(stored.title, 'renamed');
  assert.equal(stored.status, '');

  // The list rule is ANDed with the client filter.
  const aliceNotes = await alice.collection('flt_notes').getFullList({ filter: pb.filter('title ~ {:t}', { t: 'ren' }) });
  assert.deepEqual(aliceNotes.map((r) => r.id), [note.id]);
  assert.deepEqual(await bob.collection('flt_notes').getFullList(), []);
});
