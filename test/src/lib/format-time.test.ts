import { beforeAll, describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatSlotName,
  formatTimeRange,
  formatTimeWithZone,
  timeZoneCity,
  timeZoneName,
} from '../../../src/lib/format-time';
import { detectedTimeZone } from '../../../src/lib/time-zone';
import { timeZoneChoices } from '../../../src/lib/time-zone-choices';
import { laterWords } from '../../../src/lib/i18n/language';

const LA = 'America/Los_Angeles';

// These parts render only on later pages, which load the later pages' words first (src/app/router.tsx).
beforeAll(() => laterWords());

describe('time formatting', () => {
  it('detects the timezone the tests pin (the patient’s device)', () => {
    expect(detectedTimeZone()).toBe(LA);
  });

  it('names a slot with weekday, date, time and the zone’s everyday name', () => {
    expect(formatSlotName('2026-11-24T17:00:00.000Z', LA)).toBe('Tuesday, November 24, 9:00 AM Pacific Time');
    // Summer: the same 9:30 AM is an hour earlier in UTC (PDT, UTC−7).
    expect(formatSlotName('2026-07-07T16:30:00.000Z', LA)).toBe('Tuesday, July 7, 9:30 AM Pacific Time');
    expect(formatSlotName('2026-11-24T17:00:00.000Z', 'America/New_York')).toBe('Tuesday, November 24, 12:00 PM Eastern Time');
  });

  it('tells apart the two 1:30 AMs of the night daylight saving time ends', () => {
    expect(formatTimeWithZone('2026-11-01T08:30:00.000Z', LA)).toBe('1:30 AM Pacific Daylight Time');
    expect(formatTimeWithZone('2026-11-01T09:30:00.000Z', LA)).toBe('1:30 AM Pacific Standard Time');
    // Not the hour that is skipped in spring, nor the hours around the change.
    expect(formatTimeWithZone('2026-11-01T07:30:00.000Z', LA)).toBe('12:30 AM Pacific Time');
    expect(formatTimeWithZone('2026-11-01T10:30:00.000Z', LA)).toBe('2:30 AM Pacific Time');
    expect(formatTimeWithZone('2026-03-08T10:30:00.000Z', LA)).toBe('3:30 AM Pacific Time');
  });

  it('names zones by their everyday name, with a readable fallback', () => {
    expect(timeZoneName(LA, '2026-11-24T17:00:00.000Z')).toBe('Pacific Time');
    expect(timeZoneName(LA, '2026-07-07T17:00:00.000Z')).toBe('Pacific Time');
    expect(timeZoneName('UTC')).toBe('Coordinated Universal Time');
    expect(timeZoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
  });

  it('offers the common US zones plus the device’s and the clinic’s', () => {
    expect(timeZoneChoices(LA, LA)).toEqual([
      'America/New_York',
      'America/Chicago',
      'America/Denver',
      'America/Phoenix',
      'America/Los_Angeles',
      'America/Anchorage',
      'Pacific/Honolulu',
    ]);
    expect(timeZoneChoices('Europe/London', 'Asia/Tokyo').slice(0, 2)).toEqual(['Europe/London', 'Asia/Tokyo']);
    expect(timeZoneChoices('Not/AZone', LA)).not.toContain('Not/AZone');
  });

  it('writes a time range with the zone once', () => {
    expect(formatTimeRange('2026-11-24T17:00:00.000Z', '2026-11-24T17:30:00.000Z', LA)).toBe('9:00 AM to 9:30 AM Pacific Time');
  });

  it('says how long someone has waited in words', () => {
    expect(formatDuration(-5_000)).toBe('less than a minute');
    expect(formatDuration(59_999)).toBe('less than a minute');
    expect(formatDuration(60_000)).toBe('1 minute');
    expect(formatDuration(2 * 60_000 + 30_000)).toBe('2 minutes');
    expect(formatDuration(60 * 60_000)).toBe('1 hour');
    expect(formatDuration(125 * 60_000)).toBe('2 hours 5 minutes');
  });
});
