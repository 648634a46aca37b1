// Files (spec/files.md) through the official JS SDK: FormData uploads, byte-identical downloads, thumbs,
// protected files with and without a file token, append/remove modifiers and deletion. Collections are
// prefixed fil_ so this file shares a server with the other e2e files.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import PocketBase from 'pocketbase';

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const email = process.env.LOCKET_SUPERUSER_EMAIL ?? 'test@example.com';
const password = process.env.LOCKET_SUPERUSER_PASSWORD ?? '1234567890';

const pb = new PocketBase(url);
pb.autoCancellation(false);
const guest = new PocketBase(url);
guest.autoCancellation(false);

// A valid RGB PNG of w x h pixels (a gradient), built by hand so the test needs no image library.
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = x % 256; raw[o + 1] = y % 256; raw[o + 2] = 128;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngSize(buf) {
  return { w: buf.readUInt32BE(16), h: buf.readUInt32BE(20) };
}

async function fetchBytes(u) {
  const res = await fetch(u);
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

let docs;
const image = png(300, 200);
const text = Buffer.from('hello from the e2e suite\n');

before(async () => {
  await pb.collection('_superusers').authWithPassword(email, password);
  docs = await pb.collections.create({
    name: 'fil_docs', type: 'base', listRule: '', viewRule: '@request.auth.id != ""', createRule: '', updateRule: '', deleteRule: '',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'cover', type: 'file', maxSelect: 1, thumbs: ['50x0'] },
      { name: 'attachments', type: 'file', maxSelect: 5, maxSize: 1024 * 1024 },
      { name: 'secret', type: 'file', maxSelect: 1, protected: true },
      { name: 'pics', type: 'file', maxSelect: 2, mimeTypes: ['image/png'] },
    ],
  });
});

test('uploads with FormData and downloads identical bytes', async () => {
  const fd = new FormData();
  fd.append('title', 'first');
  fd.append('cover', new Blob([image]), 'Cover Image.png');
  fd.append('attachments', new Blob([text]), 'notes.txt');
  fd.append('attachments', new Blob([image]), 'pic.png');
  const rec = await pb.collection('fil_docs').create(fd);
  assert.match(rec.cover, /^cover_image_[a-z0-9]{10}\.png$/);
  assert.equal(rec.attachments.length, 2);

  const cover = await fetchBytes(pb.files.getURL(rec, rec.cover));
  assert.equal(cover.status, 200);
  assert.equal(cover.headers.get('content-type'), 'image/png');
  assert.ok(cover.headers.get('content-disposition').startsWith('inline; filename='));
  assert.ok(cover.body.equals(image));

  const notes = await fetchBytes(pb.files.getURL(rec, rec.attachments[0]));
  assert.ok(notes.body.equals(text));
  assert.ok(notes.headers.get('content-disposition').startsWith('attachment; filename='));

  const forced = await fetchBytes(pb.files.getURL(rec, rec.cover, { download: true }));
  assert.ok(forced.headers.get('content-disposition').startsWith('attachment'));
});

test('thumbs: default 100x100, a field size, and unlisted sizes serve the original', async () => {
  const rec = await pb.collection('fil_docs').create({ cover: new Blob([image], { type: 'image/png' }) });
  const t100 = await fetchBytes(pb.files.getURL(rec, rec.cover, { thumb: '100x100' }));
  assert.equal(t100.status, 200);
  assert.deepEqual(pngSize(t100.body), { w: 100, h: 100 });
  assert.ok(t100.headers.get('content-disposition').includes('filename=100x100_'));

  const t50 = await fetchBytes(pb.files.getURL(rec, rec.cover, { thumb: '50x0' }));
  assert.deepEqual(pngSize(t50.body), { w: 50, h: 33 });

  const other = await fetchBytes(pb.files.getURL(rec, rec.cover, { thumb: '20x20' }));
  assert.ok(other.body.equals(image));
});

test('protected files need a file token', async () => {
  const rec = await pb.collection('fil_docs').create({ secret: new Blob([text]) });
  const without = await fetchBytes(guest.files.getURL(rec, rec.secret));
  assert.equal(without.status, 404);

  const token = await pb.files.getToken();
  const withToken = await fetchBytes(pb.files.getURL(rec, rec.secret, { token }));
  assert.equal(withToken.status, 200);
  assert.ok(withToken.body.equals(text));

  await assert.rejects(guest.files.getToken(), (e) => e.status === 401);
});

test('append, remove and validation of files', async () => {
  const rec = await pb.collection('fil_docs').create({ attachments: [new Blob([text])] });
  const appended = await pb.collection('fil_docs').update(rec.id, {
    'attachments+': new Blob([Buffer.from('second')]),
  });
  assert.equal(appended.attachments.length, 2);
  assert.equal(appended.attachments[0], rec.attachments[0]);

  const removed = await pb.collection('fil_docs').update(rec.id, { 'attachments-': [rec.attachments[0]] });
  assert.deepEqual(removed.attachments, [appended.attachments[1]]);
  const gone = await fetchBytes(pb.files.getURL(rec, rec.attachments[0]));
  assert.equal(gone.status, 404);

  await assert.rejects(
    pb.collection('fil_docs').update(rec.id, { attachments: ['not_mine.txt'] }),
    (e) => e.status === 400 && e.response.data.attachments.code === 'validation_invalid_file',
  );
  await assert.rejects(
    pb.collection('fil_docs').create({ pics: new Blob([text]) }),
    (e) => e.status === 400 && e.response.data.pics.code === 'validation_invalid_mime_type',
  );
  await assert.rejects(
    pb.collection('fil_docs').create({ attachments: new Blob([Buffer.alloc(1024 * 1024 + 1)]) }),
    (e) => e.status === 400 && e.response.data.attachments.code === 'validation_file_size_limit',
  );
});

test('deleting a record deletes its files', async () => {
  const rec = await pb.collection('fil_docs').create({ cover: new Blob([image]) });
  assert.equal((await fetchBytes(pb.files.getURL(rec, rec.cover))).status, 200);
  await pb.collection('fil_docs').delete(rec.id);
  assert.equal((await fetchBytes(pb.files.getURL(rec, rec.cover))).status, 404);
});
