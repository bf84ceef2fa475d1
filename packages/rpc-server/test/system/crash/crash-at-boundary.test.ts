import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  COMMIT_FAULT_POINTS,
  CrashHarness,
  occurrences,
  readHistory,
  readSession,
} from '@rkat/testing/process-harness';
import { RKAT_RPC_BIN } from '../rpc-client.js';
import { scripted } from '../support.js';

// Reliability row 3 (and row 5: every check runs in a fresh OS process): the process SIGKILLs itself at
// each named point inside a turn's commit transaction; after a restart the boundary is wholly absent
// (every point lies before COMMIT), nothing is "ahead" of the store, the killed turn's accepted input is
// re-delivered exactly once (row 1), and later turns save fine.
let harness: CrashHarness;

before(async () => {
  harness = await CrashHarness.start({ bin: RKAT_RPC_BIN, realm: 'crash-boundary' });
});

after(async () => {
  await harness.stop();
});

for (const point of COMMIT_FAULT_POINTS) {
  void test(
    `R3 crash-at-boundary: SIGKILL at ${point} leaves none of the boundary`,
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
      const killedPrompt = `killed-at-${point}`;
      const turn = doomed.start('turn/start', {
        session_id: sessionId,
        prompt: scripted([{ text: 'answer to the killed prompt' }], killedPrompt),
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

      // The killed turn's input was accepted but never consumed: the next turn re-delivers it once, first
      // (R1), and the fake model, reading the merged user turn, answers it.
      const resumed = await restarted.call<{ text: string }>('turn/start', {
        session_id: sessionId,
        prompt: 'resume',
      });
      assert.equal(resumed.text, 'answer to the killed prompt');
      const redelivered = await readHistory(restarted, sessionId);
      assert.equal(redelivered.message_count, 5, 'the re-delivered prompt, the new one and the answer');
      assert.equal(occurrences(redelivered.messages, killedPrompt), 1);

      const later = await restarted.call<{ text: string }>('turn/start', {
        session_id: sessionId,
        prompt: scripted([{ tools: [{ name: 'datetime', args: {} }] }, { text: 'saved fine' }]),
      });
      assert.equal(later.text, 'saved fine');
      const saved = await readHistory(restarted, sessionId);
      assert.equal(saved.message_count, 9, 'user, tool call, tool results and answer were committed');
      assert.equal(occurrences(saved.messages, killedPrompt), 1, 'never delivered twice');
      await restarted.close();

      const reread = harness.launch();
      assert.deepEqual(await readHistory(reread, sessionId), saved, 'the later turn is durable');
      assert.equal((await readSession(reread, sessionId)).last_assistant_text, 'saved fine');
      await reread.close();
    },
  );
}
