import { describe, expect, it } from 'vitest';
import { groupSlotsByDay } from '../../../../src/features/scheduling/components/group-slots';

const LA = 'America/Los_Angeles';

describe('grouping slots by day', () => {
  it('groups by the patient’s calendar day, not UTC’s, earliest first', () => {
    const late = { start: '2026-11-25T07:30:00.000Z', end: '2026-11-25T08:00:00.000Z', providerIds: [] }; // Tue 11:30 PM
    const early = { start: '2026-11-25T08:30:00.000Z', end: '2026-11-25T09:00:00.000Z', providerIds: [] }; // Wed 12:30 AM
    const morning = { start: '2026-11-24T17:00:00.000Z', end: '2026-11-24T17:30:00.000Z', providerIds: [] }; // Tue 9 AM

    const days = groupSlotsByDay([early, late, morning], LA);

    expect(days.map((d) => [d.key, d.label, d.slots.length])).toEqual([
      ['2026-11-24', 'Tuesday, November 24', 2],
      ['2026-11-25', 'Wednesday, November 25', 1],
    ]);
    expect(days[0]?.slots).toEqual([morning, late]);
    // In UTC the same three slots fall on two other days.
    expect(groupSlotsByDay([early, late, morning], 'UTC').map((d) => d.slots.length)).toEqual([1, 2]);
  });
});
