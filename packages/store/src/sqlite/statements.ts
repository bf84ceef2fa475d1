import type { Database, Statement } from 'better-sqlite3';

const SESSION_COLUMNS = `session_id, created_at_ms, updated_at_ms, model, provider, labels_json, archived, pending,
  settings_json, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, message_count,
  last_assistant_text`;

/** Every statement the store runs, prepared once when the store opens. */
export interface SqliteStatements {
  insertSession: Statement;
  selectSession: Statement;
  selectMessageCount: Statement;
  listSessions: Statement;
  patchSession: Statement;
  applyBoundary: Statement;
  deleteLabels: Statement;
  insertLabel: Statement;
  insertMessage: Statement;
  selectMessages: Statement;
  insertInput: Statement;
  selectInput: Statement;
  updateInputState: Statement;
  selectPendingInputs: Statement;
}

export function prepareStatements(db: Database): SqliteStatements {
  return {
    insertSession: db.prepare(`INSERT INTO sessions (${SESSION_COLUMNS}) VALUES (
      @session_id, @created_at_ms, @updated_at_ms, @model, @provider, @labels_json, @archived, @pending,
      @settings_json, @input_tokens, @output_tokens, @cache_creation_tokens, @cache_read_tokens, @message_count,
      @last_assistant_text)`),
    selectSession: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE session_id = ?`),
    selectMessageCount: db.prepare('SELECT message_count FROM sessions WHERE session_id = ?'),
    // Labels arrive as one JSON object so a single prepared statement serves every filter: a session
    // matches when no requested pair is missing from its labels (an AND of exact matches).
    listSessions: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions AS s
      WHERE (@include_archived = 1 OR s.archived = 0)
        AND NOT EXISTS (
          SELECT 1 FROM json_each(@labels_json) AS wanted
          WHERE NOT EXISTS (
            SELECT 1 FROM session_labels AS l
            WHERE l.session_id = s.session_id AND l.key = wanted.key AND l.value = wanted.value))
      ORDER BY s.updated_at_ms DESC, s.session_id ASC
      LIMIT @limit OFFSET @offset`),
    patchSession: db.prepare(`UPDATE sessions SET
      labels_json = COALESCE(@labels_json, labels_json),
      archived = COALESCE(@archived, archived),
      settings_json = COALESCE(@settings_json, settings_json),
      model = COALESCE(@model, model),
      provider = COALESCE(@provider, provider),
      pending = COALESCE(@pending, pending)
      WHERE session_id = @session_id`),
    applyBoundary: db.prepare(`UPDATE sessions SET
      updated_at_ms = @updated_at_ms,
      message_count = message_count + @appended,
      input_tokens = input_tokens + @input_tokens,
      output_tokens = output_tokens + @output_tokens,
      cache_creation_tokens = cache_creation_tokens + @cache_creation_tokens,
      cache_read_tokens = cache_read_tokens + @cache_read_tokens,
      last_assistant_text = COALESCE(@last_assistant_text, last_assistant_text)
      WHERE session_id = @session_id`),
    deleteLabels: db.prepare('DELETE FROM session_labels WHERE session_id = ?'),
    insertLabel: db.prepare('INSERT INTO session_labels (session_id, key, value) VALUES (?, ?, ?)'),
    insertMessage: db.prepare('INSERT INTO messages (session_id, idx, body_json) VALUES (?, ?, ?)'),
    selectMessages: db.prepare(
      'SELECT idx, body_json FROM messages WHERE session_id = ? ORDER BY idx LIMIT ? OFFSET ?',
    ),
    insertInput: db.prepare(`INSERT INTO inputs (input_id, session_id, content_json, state, accepted_at_ms)
      VALUES (@input_id, @session_id, @content_json, @state, @accepted_at_ms)`),
    selectInput: db.prepare('SELECT session_id, state FROM inputs WHERE input_id = ?'),
    updateInputState: db.prepare('UPDATE inputs SET state = ? WHERE input_id = ?'),
    selectPendingInputs: db.prepare(`SELECT input_id, session_id, content_json, state, accepted_at_ms
      FROM inputs WHERE session_id = ? AND state = 'accepted' ORDER BY accepted_at_ms, rowid`),
  };
}
