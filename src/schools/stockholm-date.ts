const FORMAT = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Sweden (YYYY-MM-DD): ages and "today" follow Swedish days, not UTC. */
export function stockholmDate(at: Date = new Date()): string {
  return FORMAT.format(at);
}
