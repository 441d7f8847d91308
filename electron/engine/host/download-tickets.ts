import { randomBytes } from 'node:crypto';

/** A ticket is good for one download within this time. */
export const TICKET_TTL_MS = 60_000;
const MAX_TICKETS = 1_000;

/**
 * One-time download tickets for browser mode. The page asks for one over the authenticated
 * socket and puts it in the download URL, so no standing credential ever travels in a URL,
 * a cookie or a header the browser would send to another server.
 */
export class DownloadTickets {
  private readonly tickets = new Map<string, { path: string; expires: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  issue(path: string): { ticket: string; expiresInMs: number } {
    this.prune();
    if (this.tickets.size >= MAX_TICKETS) {
      const oldest = this.tickets.keys().next().value;
      if (oldest !== undefined) this.tickets.delete(oldest);
    }
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, { path, expires: this.now() + TICKET_TTL_MS });
    return { ticket, expiresInMs: TICKET_TTL_MS };
  }

  /** The path the ticket was issued for, once; null for an unknown, used or expired ticket. */
  take(ticket: string): string | null {
    const entry = this.tickets.get(ticket);
    if (!entry) return null;
    this.tickets.delete(ticket);
    return entry.expires >= this.now() ? entry.path : null;
  }

  private prune(): void {
    const now = this.now();
    for (const [t, e] of this.tickets) if (e.expires < now) this.tickets.delete(t);
  }
}
