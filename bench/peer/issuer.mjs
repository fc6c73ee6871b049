// A loopback token issuer for bench/compare.sh: one RSA key (RS256, key id "bench-key"),
// its JWK Set at /jwks, and Cognito-shaped access tokens minted on demand for either
// target, so that both servers verify tokens of the same issuer with the same key.
//   GET /jwks, GET /jwks/<name>        the public JWK Set (a name per server, to count its fetches)
//   GET /stats                         {"<path>": fetches} of the JWK Set so far
//   GET /token?aud=URL&kind=KIND       a compact JWS; KIND is
//       valid    signed by the published key, expires in 2 hours
//       expired  signed by the published key, expired an hour ago (beyond any clock skew)
//       forged   same claims and key id, signed by another key (the signature check fails)
// Listens on 127.0.0.1 only; prints "listening <port>" once ready. Env: PORT (0: any),
// ISSUER (the iss claim; default http://127.0.0.1:<port>), CLIENT_ID (default bench-client).
import { createServer } from 'node:http';
import { generateKeyPair, exportJWK, SignJWT } from 'jose';

const KID = 'bench-key';
const CLIENT_ID = process.env.CLIENT_ID ?? 'bench-client';
const SCOPE = 'mcp:tools';

const real = await generateKeyPair('RS256', { extractable: true });
const other = await generateKeyPair('RS256');
const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(real.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] });
let issuer;
const fetches = {};

async function mint(aud, kind) {
  const now = Math.floor(Date.now() / 1000);
  const exp = kind === 'expired' ? now - 3600 : now + 7200;
  return new SignJWT({ token_use: 'access', client_id: CLIENT_ID, scope: SCOPE, username: 'bench-user' })
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject('bench-user')
    .setAudience(aud)
    .setIssuedAt(exp - 7200 - 60)
    .setExpirationTime(exp)
    .setJti(crypto.randomUUID())
    .sign(kind === 'forged' ? other.privateKey : real.privateKey);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  try {
    if (url.pathname === '/jwks' || url.pathname.startsWith('/jwks/')) {
      fetches[url.pathname] = (fetches[url.pathname] ?? 0) + 1;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(jwks);
    } else if (url.pathname === '/stats') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(fetches));
    } else if (url.pathname === '/token' && ['valid', 'expired', 'forged'].includes(url.searchParams.get('kind'))
        && url.searchParams.get('aud')) {
      const token = await mint(url.searchParams.get('aud'), url.searchParams.get('kind'));
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(token);
    } else {
      res.writeHead(404).end();
    }
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  issuer = process.env.ISSUER ?? `http://127.0.0.1:${port}`;
  console.log(`listening ${port}`);
});
