import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * Pure parts of the renderer run here under Node. They are loaded at run time (vitest
 * transpiles them) because the renderer is its own TypeScript project with DOM-only types.
 */
const RENDERER = resolve(__dirname, '..', '..', '..', 'renderer', 'src');
const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(resolve(RENDERER, rel)).href)) as T;

type Location = { protocol: string; host: string };
interface ConnectionModule {
  rpcUrl(location: Location): string;
}
interface TokenHost {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
}
interface TokenModule {
  browserToken(host: TokenHost): string | null;
}
interface SavedTab {
  viewId: string;
  datasetId: string | null;
  params?: Record<string, unknown>;
  title?: string;
  active: boolean;
}
interface SavedTabsModule {
  loadTabs(projectPath: string): SavedTab[];
  saveTabs(projectPath: string, tabs: { id: string; viewId: string; datasetId: string | null; params: Record<string, unknown> }[], active: string | null): void;
}

/** The browser's Storage API, backed by a Map (Node has no localStorage by default). */
class MemoryStorage {
  private readonly map = new Map<string, string>();
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, String(v));
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
}

describe('rpcUrl: where the browser opens the engine socket', () => {
  it('uses the page host and the /rpc path; the token never goes into the URL', async () => {
    const { rpcUrl } = await load<ConnectionModule>('app/engine-connection.ts');
    expect(rpcUrl({ protocol: 'http:', host: '127.0.0.1:4173' })).toBe('ws://127.0.0.1:4173/rpc');
    expect(rpcUrl({ protocol: 'https:', host: 'h:1' })).toBe('wss://h:1/rpc');
  });
});

describe('browserToken: the engine token of browser mode', () => {
  const TOKEN = 'abcDEF_123-xyz_abcDEF_123-xyz_ab';
  function page(hash: string, stored: string | null = null) {
    const storage = new MemoryStorage();
    if (stored !== null) storage.setItem('kequn.token', stored);
    const replaced: string[] = [];
    const host: TokenHost = {
      location: { hash, pathname: '/', search: '?lang=en' },
      history: { replaceState: (_d, _u, url) => replaced.push(url) },
      sessionStorage: storage,
    };
    return { host, storage, replaced };
  }

  it('takes it from the URL fragment, keeps it for this tab and removes it from the address bar', async () => {
    const { browserToken } = await load<TokenModule>('app/browser-token.ts');
    const p = page(`#token=${TOKEN}`);
    expect(browserToken(p.host)).toBe(TOKEN);
    expect(p.storage.getItem('kequn.token')).toBe(TOKEN);
    expect(p.replaced).toEqual(['/?lang=en']);
  });

  it('after a reload (no fragment) uses the kept one; a malformed fragment is ignored', async () => {
    const { browserToken } = await load<TokenModule>('app/browser-token.ts');
    expect(browserToken(page('', TOKEN).host)).toBe(TOKEN);
    expect(browserToken(page('#token=<script>', TOKEN).host)).toBe(TOKEN);
    expect(browserToken(page('').host)).toBeNull();
  });
});

describe('saved tabs per project', () => {
  const original = (globalThis as { localStorage?: unknown }).localStorage;
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true });
  });
  afterEach(() => {
    Object.defineProperty(globalThis, 'localStorage', { value: original, configurable: true, writable: true });
  });

  it('round-trips tabs with params and the active flag, per project path', async () => {
    const { loadTabs, saveTabs } = await load<SavedTabsModule>('shell/saved-tabs.ts');
    saveTabs('/p/a.kequn', [
      // A view without params saves none.
      { id: 'tab-1', viewId: 'grid', datasetId: 'ds_1', params: {} },
      { id: 'tab-2', viewId: 'pivot', datasetId: 'ds_2', params: { rows: ['地区'] } },
    ], 'tab-2');
    expect(loadTabs('/p/a.kequn')).toEqual([
      { viewId: 'grid', datasetId: 'ds_1', active: false },
      { viewId: 'pivot', datasetId: 'ds_2', params: { rows: ['地区'] }, active: true },
    ]);
    expect(loadTabs('/p/other.kequn')).toEqual([]);
  });

  it('drops malformed entries and survives garbage in storage', async () => {
    const { loadTabs } = await load<SavedTabsModule>('shell/saved-tabs.ts');
    storage.setItem('kequn.tabs:/p/x', '{not json');
    expect(loadTabs('/p/x')).toEqual([]);
    storage.setItem('kequn.tabs:/p/y', JSON.stringify({ viewId: 'grid' }));
    expect(loadTabs('/p/y')).toEqual([]);
    storage.setItem(
      'kequn.tabs:/p/z',
      JSON.stringify([
        { viewId: 'grid', datasetId: 'ds_1', active: true },
        { viewId: 7, datasetId: 'ds_1', active: false },
        { viewId: 'grid', datasetId: 'ds_2', params: [1], active: false },
        { viewId: 'rfm', datasetId: null, active: false },
      ]),
    );
    expect(loadTabs('/p/z')).toEqual([
      { viewId: 'grid', datasetId: 'ds_1', active: true },
      { viewId: 'rfm', datasetId: null, active: false },
    ]);
  });
});
