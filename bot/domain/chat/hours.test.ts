import { describe, expect, it } from 'vitest';
import { closedSince, type Opening } from './hours.ts';

const everyDay = (opens: string, closes: string): Opening[] =>
  Array.from({ length: 7 }, (_, weekday) => ({ weekday, opens, closes }));
const taipei = (local: string) => new Date(`${local}+08:00`);

describe('business hours in Taipei', () => {
  it('is open from the opening to the closing, and closed since the last closing otherwise', () => {
    const hours = everyDay('10:00', '21:00');
    expect(closedSince(hours, taipei('2026-11-30T10:00:00'))).toBeNull();
    expect(closedSince(hours, taipei('2026-11-30T20:59:59'))).toBeNull();
    expect(closedSince(hours, taipei('2026-11-30T21:00:00'))).toEqual(taipei('2026-11-30T21:00:00'));
    expect(closedSince(hours, taipei('2026-12-01T09:59:00'))).toEqual(taipei('2026-11-30T21:00:00'));
  });

  it('follows the Taipei weekday, not the UTC one, and passes over closed days', () => {
    // Open Monday to Friday only; 2026-11-30 is a Monday, 2026-11-28 a Saturday.
    const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' }));
    // 08:30 Monday in Taipei is still Sunday in UTC.
    expect(closedSince(hours, taipei('2026-11-30T08:30:00'))).toEqual(taipei('2026-11-27T18:00:00'));
    expect(closedSince(hours, taipei('2026-11-30T09:30:00'))).toBeNull();
  });

  it('keeps a late opening past midnight open into the next day', () => {
    const hours = everyDay('18:00', '02:00');
    expect(closedSince(hours, taipei('2026-12-01T01:30:00'))).toBeNull();
    expect(closedSince(hours, taipei('2026-12-01T02:30:00'))).toEqual(taipei('2026-12-01T02:00:00'));
  });

  it('never closes when no hours are set', () => {
    expect(closedSince([], taipei('2026-12-01T03:00:00'))).toBeNull();
  });
});
