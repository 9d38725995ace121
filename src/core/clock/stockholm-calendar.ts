/**
 * The Swedish calendar the portal works in (Europe/Stockholm): "today", ages and
 * birthdays, day and month boundaries, "within N days", report months and SCB
 * half-years. SQL has the same functions (migration StockholmClock): stockholm_date(),
 * app_today(), age_on(); a property test holds the two together.
 */
const DATE_FORMAT = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Sweden (YYYY-MM-DD) at an instant. */
export function stockholmDate(at: Date): string {
  return DATE_FORMAT.format(at);
}

/** Age in whole years on a date (a 29 February birthday counts from 1 March). SQL: age_on(). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A YYYY-MM-DD string that names a real calendar date (no 31 April, no 29 February 2027). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The day someone born on `birthDate` turns `years` (29 February: 1 March in common years, as ageOn). */
export function birthday(birthDate: string, years: number): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** The date `days` after (or before, when negative) a date. */
export function addDays(date: string, days: number): string {
  const t =
    Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The same date `years` later (negative: earlier); 29 February becomes 28 February. */
export function addYears(date: string, years: number): string {
  const y = String(+date.slice(0, 4) + years).padStart(4, '0');
  const md = date.slice(5);
  const leap = (n: number) => (n % 4 === 0 && n % 100 !== 0) || n % 400 === 0;
  return md === '02-29' && !leap(+y) ? `${y}-02-28` : `${y}-${md}`;
}

/** The instant a Swedish calendar day begins (00:00 Stockholm time, DST-aware). */
export function startOfStockholmDay(date: string): Date {
  // Stockholm is UTC+1 or UTC+2: try both offsets and keep the one that lands on the date.
  for (const offset of ['+01:00', '+02:00']) {
    const at = new Date(`${date}T00:00:00${offset}`);
    if (stockholmDate(at) === date && stockholmDate(new Date(at.getTime() - 1)) !== date) return at;
  }
  throw new Error(`no Stockholm midnight for ${date}`);
}
