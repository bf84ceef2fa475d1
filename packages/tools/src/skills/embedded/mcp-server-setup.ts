export const MCP_SERVER_SETUP = `---
name: mcp-server-setup
description: Connect MCP servers - config files, stdio and HTTP transports, secrets, and live add/remove.
---

# MCP server setup

MCP servers add tools to a session. Their tools appear under the server's name and are refreshed at
the next turn boundary after a change.

## Where servers are configured
Highest precedence first:
1. \`<project>/.rkat/mcp.local.toml\` - personal, not committed;
2. \`<project>/.rkat/mcp.toml\` - shared with the project;
3. \`~/.rkat/mcp.toml\` - every project of this user;
4. \`tools.mcp_servers\` in the realm config.

## A server entry
\`\`\`toml
[[servers]]
name = "files"
command = "npx"
args = ["-y", "@modelcontextprotocol/server-filesystem", "./docs"]
env = { LOG_LEVEL = "warn" }

[[servers]]
name = "tracker"
url = "https://mcp.example.com/mcp"
headers = { Authorization = "Bearer \${TRACKER_TOKEN}" }
connect_timeout_secs = 10
\`\`\`
\`\${VAR}\` is expanded from the environment, so tokens never need to be written into the file.

## Live changes
- \`mcp/add {session_id, server_config, persisted?}\` stages a server; \`persisted: true\` also writes
  the project \`.rkat/mcp.toml\`.
- \`mcp/remove {session_id, server_name}\` drains in-flight calls, then disconnects.
- \`mcp/reload {session_id, server_name?}\` reconnects and relists tools.
Each change is announced by a \`tool_config_changed\` event when it applies.

## Troubleshooting
- A server that fails to start shows a failed status in \`tool_config_changed\`; run its command by
  hand to see its stderr.
- Keep server names short and unique - they prefix every tool name.
- Prefer stdio servers for local tools; use HTTP only for shared or remote services.
`;
