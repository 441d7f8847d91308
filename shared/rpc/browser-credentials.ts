/**
 * How browser mode's page proves it holds the per-start token, without a cookie (cookies are not
 * port-scoped: every other server on 127.0.0.1 would receive it). The token arrives in the URL
 * fragment, which browsers never send to a server, and is presented as a WebSocket subprotocol,
 * which the browser sends only in that one handshake.
 */

/** The subprotocol the server selects; the token travels beside it in the offered list. */
export const RPC_PROTOCOL = 'kequn.v1';
const TOKEN_PREFIX = 'kequn.token.';
/** Base64url, as the server makes them; anything else is not a token and is never sent. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/** The subprotocols a client offers: the protocol, then the token. */
export function rpcProtocols(token: string): string[] {
  return [RPC_PROTOCOL, `${TOKEN_PREFIX}${token}`];
}

/**
 * The token from a `Sec-WebSocket-Protocol` header; null unless the protocol itself and one
 * well-formed token were offered.
 */
export function tokenFromProtocols(header: string | string[] | undefined): string | null {
  const values = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((v) => v.trim());
  if (!values.includes(RPC_PROTOCOL)) return null;
  for (const v of values) {
    if (!v.startsWith(TOKEN_PREFIX)) continue;
    const token = v.slice(TOKEN_PREFIX.length);
    return TOKEN_SHAPE.test(token) ? token : null;
  }
  return null;
}

/** The token from a URL fragment like `#token=…` (other fragment parameters are allowed). */
export function tokenFromFragment(hash: string): string | null {
  for (const part of hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq) !== 'token') continue;
    const token = part.slice(eq + 1);
    return TOKEN_SHAPE.test(token) ? token : null;
  }
  return null;
}
