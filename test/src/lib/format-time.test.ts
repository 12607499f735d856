import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatSlotName,
  formatTimeRange,
  patientTimeZone,
  timeZoneLabel,
} from '../../../src/lib/format-time';

const LA = 'America/Los_Angeles';

describe('time formatting', () => {
  it('uses the timezone the tests pin (the patient’s)', () => {
    expect(patientTimeZone()).toBe(LA);
  });

  it('names a slot with weekday, date, time and the zone’s long name', () => {
    expect(formatSlotName('2026-11-24T17:00:00.000Z', LA)).toBe('Tuesday, November 24, 9:00 AM Pacific Standard Time');
    expect(formatSlotName('2026-07-07T16:30:00.000Z', LA)).toBe('Tuesday, July 7, 9:30 AM Pacific Daylight Time');
    expect(formatSlotName('2026-11-24T17:00:00.000Z', 'America/New_York')).toBe(
      'Tuesday, November 24, 12:00 PM Eastern Standard Time',
    );
  });

  it('labels a zone by its name and its id', () => {
    expect(timeZoneLabel(LA, '2026-11-24T17:00:00.000Z')).toBe('Pacific Standard Time (America/Los_Angeles)');
    expect(timeZoneLabel('UTC', '2026-11-24T17:00:00.000Z')).toBe('Coordinated Universal Time (UTC)');
  });

  it('writes a time range with the zone once', () => {
    expect(formatTimeRange('2026-11-24T17:00:00.000Z', '2026-11-24T17:30:00.000Z', LA)).toBe(
      '9:00 AM to 9:30 AM Pacific Standard Time',
    );
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
