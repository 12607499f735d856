/** One intake, one visit: it cannot be booked again, with a new key, an old cookie or as another kind. */
import { describe, expect, it } from 'vitest';
import { apiError, visit } from '../../src/api/contract';
import { browser, guestWithIntake, makeServer, newKey, slotsFor } from '../support/server';

describe('rebooking an intake', () => {
  it('is refused once it was booked, with a new Idempotency-Key or with the cookie from before the booking', async () => {
    const server = makeServer();
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    const before = b.jar.get('__Host-frontdesk')!; // a copy of the cookie that still lists the intake
    const first = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() });
    expect(first.status).toBe(201);
    const made = visit.parse(await first.json());

    // Consumed: the session no longer lists it.
    const again = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() });
    expect(again.status).toBe(404);

    // An old copy of the cookie still lists it: the shared store remembers it was booked.
    b.jar.set('__Host-frontdesk', before);
    const replayed = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() });
    expect(replayed.status).toBe(409);
    expect(apiError.parse(await replayed.json()).error.code).toBe('conflict');

    const mine = [...server.sandbox.store.visits.values()].filter((v) => v.intakeId === intakeId);
    expect(mine.map((v) => v.id)).toEqual([made.id]);
  });

  it('the same Idempotency-Key still replays the first answer after the intake was consumed', async () => {
    const b = browser(makeServer());
    const intakeId = await guestWithIntake(b, 'walkin');
    const key = newKey();
    const first = visit.parse(await (await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': key })).json());
    const again = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(visit.parse(await again.json()).id).toBe(first.id);
  });

  it('an intake made for one kind of visit cannot be booked as another', async () => {
    const server = makeServer();
    const b = browser(server);
    const walkinIntake = await guestWithIntake(b, 'walkin');
    const slot = (await slotsFor(b, walkinIntake))[0]!;
    for (const [path, body] of [
      ['/api/econsults', { intakeId: walkinIntake }],
      ['/api/appointments', { intakeId: walkinIntake, start: slot.start, end: slot.end }],
    ] as const) {
      const res = await b.post(path, body, { 'Idempotency-Key': newKey() });
      expect(res.status).toBe(400);
    }
    expect([...server.sandbox.store.visits.values()].filter((v) => v.intakeId === walkinIntake)).toEqual([]);
  });
});
