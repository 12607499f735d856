import { describe, expect, it } from 'vitest';
import { addDays, weekdayOf, zonedParts, zonedTimeToUtc } from '../../../server/vsee-sandbox/time';

const LA = 'America/Los_Angeles';
const iso = (ms: number) => new Date(ms).toISOString();

describe('zonedTimeToUtc', () => {
  it('uses PST before and PDT after the spring-forward change (9 March 2025)', () => {
    expect(iso(zonedTimeToUtc(LA, { year: 2025, month: 3, day: 8 }, 9))).toBe('2025-03-08T17:00:00.000Z');
    expect(iso(zonedTimeToUtc(LA, { year: 2025, month: 3, day: 9 }, 9))).toBe('2025-03-09T16:00:00.000Z');
    expect(iso(zonedTimeToUtc(LA, { year: 2025, month: 3, day: 10 }, 9, 15))).toBe('2025-03-10T16:15:00.000Z');
  });

  it('uses PDT before and PST after the fall-back change (2 November 2025)', () => {
    expect(iso(zonedTimeToUtc(LA, { year: 2025, month: 11, day: 1 }, 13))).toBe('2025-11-01T20:00:00.000Z');
    expect(iso(zonedTimeToUtc(LA, { year: 2025, month: 11, day: 2 }, 13))).toBe('2025-11-02T21:00:00.000Z');
    expect(iso(zonedTimeToUtc(LA, { year: 2025, month: 11, day: 3 }, 8, 45))).toBe('2025-11-03T16:45:00.000Z');
  });

  it('handles early morning on the change day itself and other zones', () => {
    // 01:00 on spring-forward day is still PST; 04:00 is already PDT.
    expect(iso(zonedTimeToUtc(LA, { year: 2025, month: 3, day: 9 }, 1))).toBe('2025-03-09T09:00:00.000Z');
    expect(iso(zonedTimeToUtc(LA, { year: 2025, month: 3, day: 9 }, 4))).toBe('2025-03-09T11:00:00.000Z');
    expect(iso(zonedTimeToUtc('Europe/Berlin', { year: 2025, month: 7, day: 1 }, 9))).toBe('2025-07-01T07:00:00.000Z');
    expect(iso(zonedTimeToUtc('UTC', { year: 2025, month: 1, day: 31 }, 23, 59))).toBe('2025-01-31T23:59:00.000Z');
  });

  it('round-trips with zonedParts', () => {
    const ms = zonedTimeToUtc(LA, { year: 2025, month: 11, day: 3 }, 16, 30);
    expect(zonedParts(ms, LA)).toEqual({ year: 2025, month: 11, day: 3, hour: 16, minute: 30, second: 0, weekday: 1 });
  });
});

describe('calendar helpers', () => {
  it('adds days across month and year ends', () => {
    expect(addDays({ year: 2025, month: 2, day: 28 }, 1)).toEqual({ year: 2025, month: 3, day: 1 });
    expect(addDays({ year: 2024, month: 12, day: 31 }, 1)).toEqual({ year: 2025, month: 1, day: 1 });
  });

  it('knows the weekday of a date', () => {
    expect(weekdayOf({ year: 2025, month: 3, day: 5 })).toBe(3); // Wednesday
    expect(weekdayOf({ year: 2025, month: 3, day: 9 })).toBe(0); // Sunday
  });

  it('reads the LA date, not the UTC date, late in the evening', () => {
    // 2025-03-06T05:00Z is still Wednesday 5 March, 21:00 in Los Angeles.
    const p = zonedParts(Date.UTC(2025, 2, 6, 5, 0), LA);
    expect([p.day, p.hour, p.weekday]).toEqual([5, 21, 3]);
  });
});
