// The stats app through the official PocketBase JS SDK: a cron job publishing on the custom "stats" topic.
// Node 20 has no global EventSource; the SDK's realtime needs one, so the `eventsource` package provides it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';
import { EventSource } from 'eventsource';

globalThis.EventSource ??= EventSource;

const url = process.env.LOCKET_URL ?? 'http://127.0.0.1:8090';
const admin = new PocketBase(url);
const viewer = new PocketBase(url);

after(() => viewer.realtime.unsubscribe());

test('the notes_stats job is listed with its schedule', async () => {
  await admin.collection('_superusers').authWithPassword(process.env.LOCKET_SUPERUSER_EMAIL, process.env.LOCKET_SUPERUSER_PASSWORD);
  const jobs = await admin.crons.getFullList();
  assert.deepEqual(jobs.find((j) => j.id === 'notes_stats'), { id: 'notes_stats', expression: '*/5 * * * *' });
});

test('a guest subscribed to the stats topic receives the count the job publishes', async () => {
  const received = [];
  await viewer.realtime.subscribe('stats', (data) => received.push(data));
  await viewer.collection('notes').create({ text: 'first' });
  await viewer.collection('notes').create({ text: 'second' });

  await admin.crons.run('notes_stats'); // as the schedule would, every five minutes
  const end = Date.now() + 5000;
  while (received.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  assert.equal(received.length, 1);
  assert.equal(received[0].notes, 2);
  assert.ok(!Number.isNaN(Date.parse(received[0].at)));
});
