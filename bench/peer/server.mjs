// The peer of bench/compare.sh: the MCP TypeScript SDK's own streamable HTTP server, behind
// the SDK's bearer-auth middleware with a jose verifier, offering a hash_text tool that
// answers like the gateway's (SHA-256 by default, hex digest as structured content and as
// JSON text). One mode per process, like the gateway's MCP_STATELESS:
//   MODE=stateless  a new McpServer and transport per request (the SDK's stateless pattern),
//                   JSON responses (as the gateway's stateless transport answers)
//   MODE=stateful   sessions (Mcp-Session-Id) kept in memory, SSE responses
// Env: PORT (required), ISSUER, JWKS_URI, RESOURCE_URL (the audience; default
// http://localhost:<PORT>/mcp), REQUIRED_SCOPES (default mcp:tools), MODE (default stateless).
// Listens on 127.0.0.1 only. GET /health answers {"status":"UP"} without authentication.
import { createHash, randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as z from 'zod';

const PORT = Number(process.env.PORT);
const MODE = process.env.MODE ?? 'stateless';
const ISSUER = process.env.ISSUER;
const RESOURCE_URL = process.env.RESOURCE_URL ?? `http://localhost:${PORT}/mcp`;
const REQUIRED_SCOPES = (process.env.REQUIRED_SCOPES ?? 'mcp:tools').split(',').filter(Boolean);
if (!PORT || !ISSUER || !process.env.JWKS_URI || !['stateless', 'stateful'].includes(MODE)) {
  console.error('PORT, ISSUER and JWKS_URI are required; MODE is stateless or stateful');
  process.exit(2);
}

// Keys are fetched on first use and cached (jose's defaults: kept 10 minutes, refreshed on
// an unknown key id at most every 30 s).
const jwks = createRemoteJWKSet(new URL(process.env.JWKS_URI));
const verifier = {
  async verifyAccessToken(token) {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: ISSUER, audience: RESOURCE_URL, algorithms: ['RS256'], clockTolerance: 30, requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new InvalidTokenError(error.code === 'ERR_JWT_EXPIRED' ? 'Token has expired' : 'Invalid token');
    }
    if (payload.token_use !== 'access') {
      throw new InvalidTokenError('Not an access token');
    }
    return {
      token,
      clientId: String(payload.client_id ?? ''),
      scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
      expiresAt: payload.exp,
      resource: new URL(RESOURCE_URL), // jwtVerify checked that aud names it
      extra: { sub: payload.sub },
    };
  },
};
const auth = requireBearerAuth({
  verifier,
  requiredScopes: REQUIRED_SCOPES,
  expectedResource: new URL(RESOURCE_URL),
  resourceMetadataUrl: new URL('/.well-known/oauth-protected-resource/mcp', RESOURCE_URL).href,
});

const ALGORITHMS = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512', 'SHA3-256': 'sha3-256' };
function buildServer() {
  const server = new McpServer({ name: 'bench-peer', version: '1.0.0' });
  server.registerTool('hash_text', {
    title: 'Hash text',
    description: 'Returns the hex digest of a UTF-8 text with SHA-256 (default), SHA-384, SHA-512 or SHA3-256.',
    inputSchema: {
      text: z.string().max(100_000).describe('The text to hash'),
      algorithm: z.enum(Object.keys(ALGORITHMS)).optional(),
    },
    annotations: { readOnlyHint: true, idempotentHint: true },
  }, async ({ text, algorithm }) => {
    const name = algorithm ?? 'SHA-256';
    const result = { algorithm: name, hex: createHash(ALGORITHMS[name]).update(text, 'utf8').digest('hex') };
    return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result, isError: false };
  });
  return server;
}

const app = createMcpExpressApp({ host: '127.0.0.1' });
app.get('/health', (req, res) => res.json({ status: 'UP' }));

if (MODE === 'stateless') {
  app.post('/mcp', auth, async (req, res) => {
    const server = buildServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      transport.close();
      server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (error) {
      if (!res.headersSent) {
        res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });
      }
    }
  });
} else {
  const transports = new Map();
  app.post('/mcp', auth, async (req, res) => {
    const id = req.headers['mcp-session-id'];
    let transport = id ? transports.get(id) : undefined;
    if (!transport) {
      if (id || !isInitializeRequest(req.body)) {
        res.status(id ? 404 : 400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'No valid session' }, id: null });
        return;
      }
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => transports.set(sessionId, transport),
      });
      transport.onclose = () => transport.sessionId && transports.delete(transport.sessionId);
      await buildServer().connect(transport);
    }
    await transport.handleRequest(req, res, req.body);
  });
}

app.listen(PORT, '127.0.0.1', () => console.log(`listening ${PORT} (${MODE})`));
