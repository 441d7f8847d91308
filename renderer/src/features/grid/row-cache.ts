import type { CellValue } from '../../../../shared/contract/json';
import type { RowsPage } from '../../../../shared/contract/rows';

/** Rows per request: a screen or two, so a jump costs one round trip. */
export const PAGE_ROWS = 200;
/** Jumps closer together than this are a fling: fetching waits until the view rests this long. */
const FLING_MS = 60;
/** Pages kept around the viewport (~20k rows of any width is a few MB at most). */
const MAX_PAGES = 100;

export interface CachedRow {
  cells: readonly CellValue[];
  /** Column indexes (dataset order) of cells that failed conversion. */
  invalid: ReadonlySet<number> | null;
  rowId: number;
}

export type FetchPage = (offset: number, limit: number, signal: AbortSignal) => Promise<RowsPage>;

interface Page {
  rows: CachedRow[];
}

/**
 * Windows of one view (dataset + sort + filters) fetched around the viewport. Pages far from
 * the current window are dropped and their in-flight requests aborted, so a fast scroll only
 * waits for what is on screen. A new view gets a new cache.
 */
export class RowWindowCache {
  private readonly pages = new Map<number, Page>();
  private readonly inflight = new Map<number, AbortController>();
  private disposed = false;
  /** The current cell's page: kept and never aborted while the viewport moves. */
  private pinned = -1;
  private lastFirst = 0;
  private lastJumpAt = -Infinity;
  private settle: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  /** Bumped whenever a page arrives (for components that show cells outside the canvas). */
  version = 0;
  /** Rows in the view, once the first page told us. */
  filteredRows: number | null = null;
  totalRows: number | null = null;

  constructor(
    private readonly fetchPage: FetchPage,
    /** Called when rows [first, first + count) arrived (to repaint them); countsChanged on the view's first answer. */
    private readonly onLoaded: (first: number, count: number, countsChanged: boolean) => void,
    private readonly onError: (e: unknown) => void,
  ) {}

  get(row: number): CachedRow | undefined {
    const page = this.pages.get(Math.floor(row / PAGE_ROWS));
    return page?.rows[row % PAGE_ROWS];
  }

  /** Makes sure rows [first, last] plus a margin are loaded or loading. */
  ensure(first: number, last: number, marginPages = 1): void {
    if (this.disposed) return;
    // While the view flies past (a fast scroll), only what is on screen is worth fetching, and
    // only once it stays there: a single jump loads at once, a fling waits for a pause.
    const jump = Math.abs(first - this.lastFirst) > PAGE_ROWS * 2;
    this.lastFirst = first;
    const now = performance.now();
    const flinging = jump && now - this.lastJumpAt < FLING_MS;
    if (jump) {
      this.lastJumpAt = now;
      marginPages = 0;
    }
    const lo = Math.max(0, Math.floor(first / PAGE_ROWS) - marginPages);
    let hi = Math.floor(Math.max(first, last) / PAGE_ROWS) + marginPages;
    if (this.filteredRows !== null) hi = Math.min(hi, Math.max(0, Math.ceil(this.filteredRows / PAGE_ROWS) - 1));
    // Requests for pages that left the window are no longer worth waiting for.
    for (const [p, c] of this.inflight) {
      if ((p < lo - 1 || p > hi + 1) && p !== this.pinned) {
        c.abort();
        this.inflight.delete(p);
      }
    }
    if (this.settle !== null) clearTimeout(this.settle);
    this.settle = null;
    if (flinging) {
      this.settle = setTimeout(() => {
        this.settle = null;
        this.ensure(first, last, 0);
      }, FLING_MS);
      return;
    }
    // Load the visible pages first, then the margin.
    const visibleLo = Math.floor(first / PAGE_ROWS);
    const order: number[] = [];
    for (let p = visibleLo; p <= hi; p++) order.push(p);
    for (let p = visibleLo - 1; p >= lo; p--) order.push(p);
    for (const p of order) if (!this.pages.has(p) && !this.inflight.has(p)) this.load(p);
    this.trim(lo, hi);
  }

  /** Loads the page holding one row (the current cell off screen) without touching other requests. */
  prefetch(row: number): void {
    if (this.disposed || row < 0) return;
    const p = Math.floor(row / PAGE_ROWS);
    this.pinned = p;
    if (!this.pages.has(p) && !this.inflight.has(p)) this.load(p);
  }

  private load(p: number): void {
    const controller = new AbortController();
    this.inflight.set(p, controller);
    this.fetchPage(p * PAGE_ROWS, PAGE_ROWS, controller.signal)
      .then((res) => {
        if (this.disposed || controller.signal.aborted) return;
        this.inflight.delete(p);
        this.pages.set(p, { rows: toRows(res) });
        const countsChanged = this.filteredRows !== res.filteredRows || this.totalRows !== res.totalRows;
        this.filteredRows = res.filteredRows;
        this.totalRows = res.totalRows;
        this.version += 1;
        this.onLoaded(p * PAGE_ROWS, res.rows.length, countsChanged);
        for (const l of [...this.listeners]) l();
      })
      .catch((e: unknown) => {
        if (this.inflight.get(p) === controller) this.inflight.delete(p);
        if (this.disposed || controller.signal.aborted) return;
        this.onError(e);
      });
  }

  private trim(lo: number, hi: number): void {
    if (this.pages.size <= MAX_PAGES) return;
    // Drop the pages farthest from the current window first.
    const far = [...this.pages.keys()].filter((p) => p !== this.pinned).sort((a, b) => distance(b, lo, hi) - distance(a, lo, hi));
    for (const p of far.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(p);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** (Re)starts answering after a dispose: React may unmount and remount the same cache. */
  activate(): void {
    this.disposed = false;
  }

  dispose(): void {
    this.disposed = true;
    if (this.settle !== null) clearTimeout(this.settle);
    this.settle = null;
    for (const c of this.inflight.values()) c.abort();
    this.inflight.clear();
    this.pages.clear();
  }
}

function distance(p: number, lo: number, hi: number): number {
  return p < lo ? lo - p : p > hi ? p - hi : 0;
}

function toRows(res: RowsPage): CachedRow[] {
  const invalid = new Map<number, Set<number>>();
  for (const [r, c] of res.invalid) {
    let s = invalid.get(r);
    if (!s) invalid.set(r, (s = new Set()));
    s.add(c);
  }
  return res.rows.map((cells, i) => ({ cells, invalid: invalid.get(i) ?? null, rowId: res.rowIds[i]! }));
}
