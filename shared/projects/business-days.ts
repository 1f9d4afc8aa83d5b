/**
 * Business-day arithmetic for the export compliance estimate ("within approximately 5 business
 * days, Red Hat legal evaluates responses"). Weekends are skipped; public holidays are not known
 * offline, which is why the UI calls the result "expected", not "due".
 * Dates are calendar days (`YYYY-MM-DD`), computed in UTC so a time zone never shifts a day.
 */
export const EXPORT_REVIEW_BUSINESS_DAYS = 5;

function parseDay(day: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) throw new RangeError(`Not a date: ${day}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function isWeekend(date: Date): boolean {
  const weekday = date.getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The date `days` business days after `start` (a start on a weekend counts from the next Monday). */
export function addBusinessDays(start: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a non-negative integer');
  const date = parseDay(start);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (!isWeekend(date)) left--;
  }
  return formatDay(date);
}

/** Business days from `start` to `end` (exclusive of start, inclusive of end); negative when end is earlier. */
export function businessDaysBetween(start: string, end: string): number {
  const a = parseDay(start);
  const b = parseDay(end);
  const sign = a <= b ? 1 : -1;
  const [from, to] = sign === 1 ? [a, b] : [b, a];
  let count = 0;
  const cursor = new Date(from);
  while (cursor < to) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    if (!isWeekend(cursor)) count++;
  }
  return sign * count;
}
