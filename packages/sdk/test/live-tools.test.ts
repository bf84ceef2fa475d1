import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { MeerkatError, SessionNotFoundError, type MeerkatClient } from '../src/index.js';
import { StandIn } from './support-stand-in.js';
import { SdkFixture, scripted } from './support.js';

// Live MCP (`mcp/add|remove|reload`, 01 §13) and skills (`skills/list`, 01 §12) against the real rkat-rpc.
// The MCP server is the stdio fixture of @rkat/tools run by this node (this file compiles to
// packages/sdk/dist/test/); the project skill lives under the client's --context-root.
const STDIO_SERVER = fileURLToPath(
  new URL('../../../tools/dist/test/mcp/fixtures/stdio-server.js', import.meta.url),
);
const EMBEDDED = '00000000-0000-4b11-8111-000000000001';
const PROJECT = '00000000-0000-4b11-8111-000000000002';

let fixture: SdkFixture;
let client: MeerkatClient;

before(async () => {
  fixture = await SdkFixture.start();
  const project = join(fixture.home, 'project');
  await mkdir(join(project, '.rkat', 'skills', 'greet-politely'), { recursive: true });
  await writeFile(
    join(project, '.rkat', 'skills', 'greet-politely', 'SKILL.md'),
    '---\nname: greet-politely\ndescription: Greets the user politely.\n---\n\nAlways greet the user politely.\n',
  );
  client = await fixture.connect({ realmId: 'sdk-live-tools', contextRoot: project });
});

after(async () => {
  await fixture.stop();
});

void test(
  'S53 live MCP: mcpAdd stages a stdio server whose tool serves the next turn; reload and remove stage too',
  { timeout: 60_000 },
  async () => {
    assert.ok(client.hasCapability('mcp_live'));
    const session = await client.createSession(scripted([{ text: 'ready' }]));
    const added = await client.mcpAdd({
      session_id: session.id,
      server_config: { name: 'fx', command: process.execPath, args: [STDIO_SERVER] },
    });
    assert.deepEqual(added, {
      session_id: session.id,
      operation: 'add',
      server_name: 'fx',
      status: 'staged',
      persisted: false,
    });

    const stream = session.stream(
      scripted([{ tools: [{ name: 'echo', args: { text: 'hi' } }] }, { text: 'done' }]),
    );
    const changes: unknown[] = [];
    const results: { name: string; result: string; isError: boolean }[] = [];
    for await (const event of stream) {
      if (event.type === 'tool_config_changed') changes.push(event.payload);
      if (event.type === 'tool_execution_completed')
        results.push({ name: event.name, result: event.result, isError: event.isError });
    }
    assert.equal(changes.length, 1, JSON.stringify(changes));
    assert.deepEqual(
      (({ operation, target, status }) => ({ operation, target, status }))(
        changes[0] as Record<string, unknown>,
      ),
      { operation: 'add', target: 'fx', status: 'applied' },
    );
    assert.deepEqual(results, [{ name: 'echo', result: 'hi', isError: false }]);
    assert.equal(stream.result.text, 'done');

    assert.deepEqual(await client.mcpReload({ session_id: session.id, server_name: 'fx' }), {
      session_id: session.id,
      operation: 'reload',
      server_name: 'fx',
      status: 'staged',
      persisted: false,
    });
    assert.deepEqual(await client.mcp_reload({ session_id: session.id }), {
      session_id: session.id,
      operation: 'reload',
      status: 'staged',
      persisted: false,
    });
    assert.deepEqual(await client.mcpRemove({ session_id: session.id, server_name: 'fx' }), {
      session_id: session.id,
      operation: 'remove',
      server_name: 'fx',
      status: 'staged',
      persisted: false,
    });
    await assert.rejects(client.mcpRemove({ session_id: session.id, server_name: '' }), (error: unknown) => {
      assert.ok(error instanceof MeerkatError);
      assert.equal(error.code, '-32602');
      assert.equal(error.message, 'server_name cannot be empty');
      return true;
    });
    for (const call of [
      client.mcpRemove({ session_id: session.id, server_name: 'nope' }),
      client.mcpReload({ session_id: session.id, server_name: 'nope' }),
    ]) {
      await assert.rejects(call, (error: unknown) => {
        assert.ok(error instanceof MeerkatError);
        assert.equal(error.code, '-32602');
        assert.equal(error.message, "MCP server 'nope' is not registered on this session");
        return true;
      });
    }
    await assert.rejects(
      client.mcpReload({ session_id: '01900000-0000-7000-8000-000000000001' }),
      (error: unknown) => error instanceof SessionNotFoundError && error.code === '-32001',
    );
  },
);

void test(
  'S54 skills: listSkills has the embedded and project skills; invokeSkill runs a turn with one',
  { timeout: 60_000 },
  async () => {
    assert.ok(client.hasCapability('skills'));
    const listed = await client.listSkills();
    assert.ok(Array.isArray(listed.skills));
    const skills = listed.skills as {
      key: { source_uuid: string; skill_name: string };
      scope: string;
      is_active: boolean;
      source: { transport_kind: string };
    }[];
    const embedded = skills.find((skill) => skill.key.skill_name === 'task-workflow');
    assert.ok(embedded);
    assert.deepEqual(
      [embedded.key.source_uuid, embedded.scope, embedded.is_active, embedded.source.transport_kind],
      [EMBEDDED, 'builtin', true, 'embedded'],
    );
    const project = skills.find((skill) => skill.key.skill_name === 'greet-politely');
    assert.ok(project, JSON.stringify(skills.map((skill) => skill.key)));
    assert.deepEqual([project.key.source_uuid, project.scope, project.is_active], [PROJECT, 'project', true]);

    const session = await client.createSession(scripted([{ text: 'ready' }]));
    const result = await session.invokeSkill(
      { sourceUuid: PROJECT, skillName: 'greet-politely' },
      scripted([{ text: 'hello, kindly' }], 'invoke-greeting'),
    );
    assert.equal(result.text, 'hello, kindly');
    const sent = fixture.fake.requests
      .map((request) => JSON.stringify(request.body))
      .filter((body) => body.includes('invoke-greeting'));
    assert.ok(sent.length > 0);
    assert.ok(
      sent.every(
        (body) =>
          body.includes(`${PROJECT}/greet-politely`) && body.includes('Always greet the user politely.'),
      ),
      'the skill body went to the model with the turn',
    );
    assert.equal(session.text, 'hello, kindly');
    await assert.rejects(
      session.invokeSkill({ sourceUuid: PROJECT } as never, 'go'),
      /skillRef must be a SkillKey/,
    );
  },
);

void test(
  'S53 mcp results (stand-in): a result failing the four checks of 03 is INVALID_RESPONSE, extra keys are kept',
  { timeout: 20_000 },
  async () => {
    const standIn = await StandIn.start(['mcp/add', 'mcp/remove', 'mcp/reload'], {
      'mcp/add': { session_id: 's1', operation: 'add', status: 'staged', persisted: false, extra: 1 },
      'mcp/remove': { session_id: 's1', operation: 'drop', status: 'staged', persisted: false },
      'mcp/reload': { session_id: 's1', operation: 'reload', status: 'staged', persisted: 'no' },
    });
    try {
      const params = { session_id: 's1', server_config: { name: 'x', command: 'x' } };
      assert.deepEqual(await standIn.client.mcpAdd(params), {
        session_id: 's1',
        operation: 'add',
        status: 'staged',
        persisted: false,
        extra: 1,
      });
      assert.deepEqual(await standIn.last(), { method: 'mcp/add', params });
      await assert.rejects(standIn.client.mcpRemove({ session_id: 's1', server_name: 'x' }), {
        code: 'INVALID_RESPONSE',
        message: 'Invalid mcp response: operation must be add, remove or reload',
      });
      await assert.rejects(standIn.client.mcp_reload({ session_id: 's1' }), {
        code: 'INVALID_RESPONSE',
        message: 'Invalid mcp response: persisted must be a boolean',
      });
    } finally {
      await standIn.stop();
    }
  },
);
