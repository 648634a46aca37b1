// The files app through the official PocketBase JS SDK: the upload hook turns away files over 10 MB.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const MB = 1024 * 1024;
const pb = new PocketBase(url);
pb.autoCancellation(false);

before(async () => {
  await pb.collection('users').create({ email: 'uploader@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
  await pb.collection('users').authWithPassword('uploader@example.com', 'secret-pass-1');
});

function form(title, name, bytes) {
  const data = new FormData();
  data.append('title', title);
  data.append('document', new Blob([bytes], { type: 'application/octet-stream' }), name);
  return data;
}

test('a file over 10 MB is rejected by the upload hook with a PocketBase error', async () => {
  const err = await pb.collection('files').create(form('big', 'big.bin', new Uint8Array(10 * MB + 1))).catch((e) => e);
  assert.equal(err.status, 400);
  assert.equal(err.response.message, 'Failed to upload the file.');
  assert.equal(err.response.data.document.code, 'file_too_large');
  assert.equal(err.response.data.document.message, 'The file big.bin is over 10 MB.');
  assert.equal((await pb.collection('files').getList(1, 1, { filter: 'title = "big"' })).totalItems, 0);
});

test('a smaller file is stored and downloadable', async () => {
  const bytes = new TextEncoder().encode('hello from the files example\n'.repeat(1000));
  const record = await pb.collection('files').create(form('notes', 'notes.txt', bytes));
  assert.match(record.document, /^notes_[a-zA-Z0-9]{10}\.txt$/);
  const res = await fetch(pb.files.getURL(record, record.document));
  assert.equal(res.status, 200);
  assert.deepEqual(new Uint8Array(await res.arrayBuffer()), bytes);
});
