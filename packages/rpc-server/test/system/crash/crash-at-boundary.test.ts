import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { scripted } from '../support.js';
import { COMMIT_FAULT_POINTS, CrashHarness, readHistory, readSession } from './crash-harness.js';

// Reliability row 3 (and row 5: every check runs in a fresh OS process): the process SIGKILLs itself at
// each named point inside a turn's commit transaction; after a restart the boundary is wholly absent
// (every point lies before COMMIT), nothing is "ahead" of the store, and later turns save fine.
let harness: CrashHarness;

before(async () => {
  harness = await CrashHarness.start('crash-boundary');
});

after(async () => {
  await harness.stop();
});

for (const point of COMMIT_FAULT_POINTS) {
  void test(
    `row 3 crash-at-boundary: SIGKILL at ${point} leaves none of the boundary`,
    { timeout: 180_000 },
    async () => {
      // The first turn's boundary is the point's first hit; the second turn's is killed.
      const doomed = harness.launch({ faultPoint: `${point}:2` });
      const created = await doomed.call<{ session_id: string }>('session/create', {
        prompt: scripted([{ text: 'committed answer' }]),
      });
      const sessionId = created.session_id;
      const committed = await readHistory(doomed, sessionId);
      const committedInfo = await readSession(doomed, sessionId);
      assert.equal(committed.message_count, 2);
      const turn = doomed.start('turn/start', {
        session_id: sessionId,
        prompt: scripted([{ text: 'never committed' }]),
      });
      await harness.killAt(doomed, { faultPoint: true });
      assert.equal(
        doomed.messages.some((message) => message.method === undefined && message.id === turn),
        false,
        'the killed turn never answered',
      );

      const restarted = harness.launch();
      const info = await readSession(restarted, sessionId);
      assert.equal(info.message_count, 2, 'no message of the killed boundary');
      assert.equal(info.last_assistant_text, 'committed answer', 'no metadata of the killed boundary');
      assert.deepEqual(info.usage, committedInfo.usage, 'no usage of the killed boundary');
      assert.deepEqual(await readHistory(restarted, sessionId), committed);

      const later = await restarted.call<{ text: string }>('turn/start', {
        session_id: sessionId,
        prompt: scripted([{ tools: [{ name: 'datetime', args: {} }] }, { text: 'saved fine' }]),
      });
      assert.equal(later.text, 'saved fine');
      const saved = await readHistory(restarted, sessionId);
      assert.equal(saved.message_count, 6, 'user, tool call, tool results and answer were committed');
      assert.equal(JSON.stringify(saved.messages).includes('never committed'), false);
      await restarted.close();

      const reread = harness.launch();
      assert.deepEqual(await readHistory(reread, sessionId), saved, 'the later turn is durable');
      assert.equal((await readSession(reread, sessionId)).last_assistant_text, 'saved fine');
      await reread.close();
    },
  );
}
