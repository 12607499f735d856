import { describe, expect, it } from 'vitest';
import type { Visit, VisitKind, VisitStatus } from '../../../src/api/contract';
import { canCancel, canInvite, canJoin, canReschedule, isUpcoming, isWaiting } from '../../../src/api/visit-rules';

const NOW = Date.parse('2026-11-23T20:00:00.000Z');
const HOUR = 3_600_000;

function visit(kind: VisitKind, status: VisitStatus, endsIn: number): Pick<Visit, 'kind' | 'status' | 'end'> {
  return { kind, status, end: new Date(NOW + endsIn).toISOString() };
}

const rules = (v: Pick<Visit, 'kind' | 'status' | 'end'>) => ({
  upcoming: isUpcoming(v, NOW),
  waiting: isWaiting(v),
  cancel: canCancel(v, NOW),
  reschedule: canReschedule(v, NOW),
  invite: canInvite(v, NOW),
  join: canJoin(v, NOW),
});

describe('visit rules (one table for the proxy, the SPA and the fake)', () => {
  it.each([
    // kind, status, ends in, → upcoming, waiting, cancel, reschedule, invite, join
    ['appointment', 'confirmed', +HOUR, [true, false, true, true, true, true]],
    ['appointment', 'pending', +HOUR, [true, false, true, true, false, true]],
    // The disagreement this file settles: a confirmed appointment whose time has passed is over.
    ['appointment', 'confirmed', -HOUR, [false, false, false, false, false, false]],
    ['appointment', 'in_progress', -HOUR, [true, false, false, false, false, true]],
    ['appointment', 'completed', -HOUR, [false, false, false, false, false, false]],
    ['appointment', 'cancelled', +HOUR, [false, false, false, false, false, false]],
    ['walkin', 'pending', -HOUR, [true, true, true, false, true, true]],
    ['walkin', 'confirmed', -HOUR, [true, true, true, false, false, true]],
    ['walkin', 'in_progress', -HOUR, [true, false, false, false, true, true]],
    ['walkin', 'completed', -HOUR, [false, false, false, false, false, false]],
    ['econsult', 'confirmed', -HOUR, [true, false, true, false, false, false]],
    ['econsult', 'in_progress', -HOUR, [true, false, false, false, false, false]],
    ['econsult', 'cancelled', +HOUR, [false, false, false, false, false, false]],
  ] as const)('%s %s, ending %d ms from now', (kind, status, endsIn, [upcoming, waiting, cancel, reschedule, invite, join]) => {
    expect(rules(visit(kind, status, endsIn))).toEqual({ upcoming, waiting, cancel, reschedule, invite, join });
  });

  it.each(['phone', 'in_person'] as const)('a %s visit is never joined or shared by video, but moves and cancels like any', (modality) => {
    for (const [kind, status] of [['appointment', 'confirmed'], ['appointment', 'in_progress'], ['walkin', 'pending'], ['walkin', 'in_progress']] as const) {
      const v = { ...visit(kind, status, +HOUR), modality };
      expect([canJoin(v, NOW), canInvite(v, NOW)]).toEqual([false, false]);
      expect(canCancel(v, NOW)).toBe(canCancel(visit(kind, status, +HOUR), NOW));
    }
    const appointment = { ...visit('appointment', 'confirmed', +HOUR), modality };
    expect(canReschedule(appointment, NOW)).toBe(true);
    expect(canJoin({ ...visit('appointment', 'confirmed', +HOUR), modality: 'video' }, NOW)).toBe(true);
  });
});
