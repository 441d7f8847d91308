import { tokenFromFragment } from '../../../shared/rpc/browser-credentials';

const KEY = 'kequn.token';

/** The parts of `window` the token needs, so the logic runs under test without a DOM. */
export interface TokenHost {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Browser mode's engine token. `kequn serve` prints `http://127.0.0.1:PORT/#token=…`: the
 * fragment never leaves the browser. The page keeps the token in sessionStorage (scoped to this
 * origin, port included, and to this tab) so a reload still connects, and takes it out of the
 * address bar so it is not shown or copied along. Null when the page was opened without it.
 */
export function browserToken(host: TokenHost): string | null {
  const fromUrl = tokenFromFragment(host.location.hash);
  if (fromUrl !== null) {
    try {
      host.sessionStorage.setItem(KEY, fromUrl);
    } catch {
      // Storage off: the token still works for this page's life.
    }
    host.history.replaceState(null, '', `${host.location.pathname}${host.location.search}`);
    return fromUrl;
  }
  try {
    return host.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}
