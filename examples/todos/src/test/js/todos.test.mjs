// The todos app through the official PocketBase JS SDK: owner-only rules, the validate route, the after-create hook.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
let alice;
let bob;

async function signUp(name) {
  const pb = new PocketBase(url);
  pb.autoCancellation(false);
  const email = `${name}@example.com`;
  await pb.collection('users').create({ email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
  await pb.collection('users').authWithPassword(email, 'secret-pass-1');
  return pb;
}

async function status(promise) {
  try {
    await promise;
    return 200;
  } catch (err) {
    return err.status;
  }
}

before(async () => {
  alice = await signUp('alice');
  bob = await signUp('bob');
});

test('the validate route answers 401 to a guest, 400 to a bad title, 204 to a good one', async () => {
  const guest = new PocketBase(url);
  const validate = (pb, title) => pb.send('/api/todos/validate', { method: 'POST', body: { title } });

  const unauthorized = await validate(guest, 'Buy milk').catch((err) => err);
  assert.equal(unauthorized.status, 401);
  assert.equal(unauthorized.response.message, 'The request requires valid record authorization token.');

  const invalid = await validate(alice, '   ').catch((err) => err);
  assert.equal(invalid.status, 400);
  assert.equal(invalid.response.message, 'Invalid todo.');
  assert.equal(invalid.response.data.title.code, 'validation_required');
  const tooLong = await validate(alice, 'x'.repeat(201)).catch((err) => err);
  assert.equal(tooLong.response.data.title.code, 'validation_length_out_of_range');

  const res = await fetch(`${url}/api/todos/validate`, {
    method: 'POST',
    headers: { Authorization: alice.authStore.token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Buy milk' }),
  });
  assert.equal(res.status, 204);
});

test('each user sees and changes only their own todos', async () => {
  const aliceId = alice.authStore.record.id;
  const todo = await alice.collection('todos').create({ title: 'Buy milk', owner: aliceId });
  assert.equal(todo.done, false);

  // nobody creates a todo for someone else, guests none at all
  assert.equal(await status(bob.collection('todos').create({ title: 'Prank', owner: aliceId })), 400);
  assert.equal(await status(new PocketBase(url).collection('todos').create({ title: 'x', owner: aliceId })), 400);

  assert.equal((await alice.collection('todos').getFullList()).length, 1);
  assert.equal((await bob.collection('todos').getFullList()).length, 0);
  assert.equal((await new PocketBase(url).collection('todos').getFullList()).length, 0);
  assert.equal(await status(bob.collection('todos').getOne(todo.id)), 404);
  assert.equal(await status(bob.collection('todos').update(todo.id, { done: true })), 404);
  assert.equal(await status(bob.collection('todos').delete(todo.id)), 404);

  assert.equal((await alice.collection('todos').update(todo.id, { done: true })).done, true);
});

test('the after-create hook writes a line to the owner\'s activity feed', async () => {
  await bob.collection('todos').create({ title: 'Walk the dog', owner: bob.authStore.record.id });
  const feed = await bob.collection('activities').getFullList();
  assert.deepEqual(feed.map((a) => a.message), ['created "Walk the dog"']);
  assert.ok(!(await alice.collection('activities').getFullList()).some((a) => a.message.includes('dog')));
  // written by the hook only
  assert.equal(await status(bob.collection('activities').create({ owner: bob.authStore.record.id, message: 'x' })), 403);
});
