// The SDK's realtime reconnect when the server closes the stream: RealtimeReconnectSdkIT restarts the
// server on the same address once this suite has subscribed (files in LOCKET_RESTART_DIR hand the turns
// over); skipped without it so the plain suite run stays independent of restarts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import PocketBase from 'pocketbase';
// Node 20 has no global EventSource; the SDK expects one.
import { EventSource } from 'eventsource';

globalThis.EventSource ??= EventSource;

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const email = process.env.LOCKET_SUPERUSER_EMAIL ?? 'test@example.com';
const password = process.env.LOCKET_SUPERUSER_PASSWORD ?? '1234567890';
const turns = process.env.LOCKET_RESTART_DIR;
const skip = turns ? false : 'LOCKET_RESTART_DIR not set (run through RealtimeReconnectSdkIT)';

async function until(check, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('after the server closes the stream the SDK reconnects, re-subscribes and hears new events', { skip },
  async () => {
    const admin = new PocketBase(url);
    admin.autoCancellation(false);
    await admin.collection('_superusers').authWithPassword(email, password);
    await admin.collections.create({
      name: 'rt_reconnect', type: 'base', listRule: '', viewRule: '', createRule: '',
      fields: [{ name: 'title', type: 'text' }],
    });
    const pb = new PocketBase(url);
    const heard = [];
    await pb.collection('rt_reconnect').subscribe('*', (e) => heard.push(e.record.title));
    const firstId = pb.realtime.clientId;
    assert.ok(firstId);

    writeFileSync(`${turns}/subscribed`, firstId);
    await until(() => existsSync(`${turns}/restarted`), 60_000, 'the server restart');
    await until(() => pb.realtime.isConnected && pb.realtime.clientId !== firstId, 30_000, 'the reconnect');

    // the same data directory: the superuser token is still good
    await admin.collection('rt_reconnect').create({ title: 'after restart' });
    await until(() => heard.includes('after restart'), 10_000, 'the event after the reconnect');
    await pb.realtime.unsubscribe();
  });
