/** A named SSE event (`event:` + `data:` lines), as Anthropic and OpenAI Responses send them. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A data-only SSE frame; Gemini separates frames with CRLF pairs, the others with LF pairs. */
export function sseData(data: unknown, lineEnd: '\n' | '\r\n' = '\n'): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `data: ${payload}${lineEnd}${lineEnd}`;
}

/** An SSE comment line: clients skip it; servers send it to keep an idle connection open. */
export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}
