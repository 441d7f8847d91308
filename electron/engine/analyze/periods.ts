import type { DateGroup } from '../../../shared/contract/analyze';

const DAY = 86_400_000;

/**
 * The calendar period holding a date. Dates are stored as epoch ms of the wall-clock time, so
 * UTC arithmetic gives the wall-clock calendar. Weeks are ISO weeks (Monday first, the week
 * belongs to the year of its Thursday), the way Chinese office calendars number them.
 */
export function periodOf(ms: number, group: DateGroup): { label: string; min: number; max: number } {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (group) {
    case 'year':
      return { label: String(y), min: Date.UTC(y, 0, 1), max: Date.UTC(y + 1, 0, 1) };
    case 'quarter': {
      const q = Math.floor(m / 3);
      return { label: `${y} Q${q + 1}`, min: Date.UTC(y, q * 3, 1), max: Date.UTC(y, q * 3 + 3, 1) };
    }
    case 'month':
      return { label: `${y}-${pad(m + 1)}`, min: Date.UTC(y, m, 1), max: Date.UTC(y, m + 1, 1) };
    case 'week': {
      const dayStart = Date.UTC(y, m, d.getUTCDate());
      const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
      const monday = dayStart - weekday * DAY;
      const thursday = new Date(monday + 3 * DAY);
      const isoYear = thursday.getUTCFullYear();
      const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY)) + 1;
      return { label: `${isoYear}-W${pad(week)}`, min: monday, max: monday + 7 * DAY };
    }
    case 'day': {
      const start = Date.UTC(y, m, d.getUTCDate());
      return { label: `${y}-${pad(m + 1)}-${pad(d.getUTCDate())}`, min: start, max: start + DAY };
    }
  }
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
