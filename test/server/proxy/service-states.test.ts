/**
 * SERVICE_STATES on VSee (decision 066): the clinic's service areas are those states and
 * "Somewhere else"; an unserved state is out of area before sign-in, and a booking for one is
 * refused by the server whatever the browser sends.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';
import { areaStatus, clinic } from '../../../src/api/contract';
import { browser, makeServer, PATIENT } from '../../support/server';

describe('SERVICE_STATES', () => {
  it('is checked at start: state codes only, VSee only', () => {
    expect(loadConfig({ SERVICE_STATES: 'wa, or,ID' }).serviceStates).toEqual(['WA', 'OR', 'ID']);
    expect(loadConfig({}).serviceStates).toBeNull();
    expect(() => loadConfig({ SERVICE_STATES: 'WA,Oregon' })).toThrow(ConfigError);
    expect(() => loadConfig({ SERVICE_STATES: 'WA,Oregon' })).toThrow(/^SERVICE_STATES: /);
    expect(() => loadConfig({ SERVICE_STATES: ' , ' })).toThrow(/^SERVICE_STATES: /);
    expect(() => loadConfig({ SERVICE_STATES: 'WA', CLINIC_BACKEND: 'dexcare' })).toThrow(/^SERVICE_STATES: VSee only/);
  });

  it('makes the served states (by name) and "Somewhere else" the clinic’s areas', async () => {
    const server = makeServer({ SERVICE_STATES: 'WA,OR' });
    const c = clinic.parse(await (await server.app.request('/api/clinic')).json());
    expect(c.capabilities.serviceAreas).toBe(true);
    expect(c.serviceAreas).toEqual([
      { id: 'OR', name: 'Oregon', code: 'OR', outOfArea: false },
      { id: 'WA', name: 'Washington', code: 'WA', outOfArea: false },
      { id: 'other', name: 'Somewhere else', code: null, outOfArea: true },
    ]);
    const unset = clinic.parse(await (await makeServer().app.request('/api/clinic')).json());
    expect(unset.capabilities.serviceAreas).toBe(false);
    expect(unset.serviceAreas).toBeNull();
  });

  it('says which areas the clinic can see a patient in now', async () => {
    const server = makeServer({ SERVICE_STATES: 'WA,OR' });
    const status = async (id: string) => areaStatus.parse(await (await server.app.request(`/api/clinic/areas/${id}`)).json());
    expect(await status('WA')).toMatchObject({ areaId: 'WA', isOpen: true, closedReason: null });
    for (const id of ['CA', 'other', 'ZZ']) expect(await status(id)).toMatchObject({ areaId: id, isOpen: false, closedReason: 'out_of_area' });
    // Unset: every state is served.
    const all = makeServer();
    expect(areaStatus.parse(await (await all.app.request('/api/clinic/areas/CA')).json())).toMatchObject({ isOpen: true });
  });

  it('refuses a booking for an unserved state, whatever the browser sends', async () => {
    const server = makeServer({ SERVICE_STATES: 'WA,OR' });
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const before = server.sandbox.store.intakes.size;
    for (const body of [{ state: 'CA' }, { state: 'CA', area: 'CA' }, { state: 'WA', area: 'CA' }, { state: 'WA', area: 'other' }]) {
      const res = await b.post('/api/intakes', { kind: 'walkin', reason: 'Sore throat', ...body });
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('The clinic does not see patients in this state.');
    }
    expect(server.sandbox.store.intakes.size).toBe(before);
    const ok = await b.post('/api/intakes', { kind: 'walkin', reason: 'Sore throat', state: 'WA' });
    expect(ok.status).toBe(201);
    // What the out-of-area page still offers: a question to a provider, from anywhere.
    const question = await b.post('/api/intakes', { kind: 'econsult', reason: 'Is this rash contagious?', state: 'CA' });
    expect(question.status).toBe(201);
  });
});
