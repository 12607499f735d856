import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../server/vsee-sandbox/index';
import { pdfDocument, pdfString } from '../../../server/vsee-sandbox/pdf';
import { SEED_PATIENT } from '../../../server/vsee-sandbox/seed';
import { laMarch, setup, SSO_HEADERS, T0, type Raw } from './support';

const NOT_AVAILABLE = { code: 404, message: 'Sorry, this page is not available.' };
const LINK = /^http:\/\/localhost:8080\/sandbox\/vc\/visits\/exports\/([0-9a-f]{32})$/;

/**
 * Checks a PDF the way a reader finds its way in: header, trailer at the end, `startxref`
 * pointing at the xref table, every in-use xref entry pointing at its `N 0 obj`, and each stream's
 * /Length matching its bytes. Returns the text (the writer emits ASCII only).
 */
function checkPdf(bytes: Uint8Array): string {
  const text = new TextDecoder('latin1').decode(bytes);
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  expect([...text].every((ch) => ch.charCodeAt(0) < 0x80)).toBe(true);

  const startxref = /startxref\n(\d+)\n%%EOF\s*$/.exec(text);
  expect(startxref).not.toBeNull();
  const xrefAt = Number(startxref?.[1]);
  expect(text.slice(xrefAt, xrefAt + 5)).toBe('xref\n');

  const header = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt));
  expect(header).not.toBeNull();
  const count = Number(header?.[1]);
  const entriesAt = xrefAt + (header?.[0].length ?? 0);
  for (let i = 0; i < count; i++) {
    const entry = text.slice(entriesAt + i * 20, entriesAt + (i + 1) * 20);
    expect(entry, `xref entry ${i}`).toMatch(/^\d{10} \d{5} [nf] \n$/);
    if (i === 0) {
      expect(entry).toBe('0000000000 65535 f \n');
      continue;
    }
    const offset = Number(entry.slice(0, 10));
    expect(text.slice(offset, offset + `${i} 0 obj`.length), `object ${i}`).toBe(`${i} 0 obj`);
  }
  expect(text.slice(entriesAt + count * 20)).toMatch(new RegExp(`^trailer\\n<< /Size ${count} /Root 1 0 R`));

  for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const from = (m.index ?? 0) + m[0].length;
    expect(text.slice(from + Number(m[1]), from + Number(m[1]) + 10)).toBe('\nendstream');
  }
  return text;
}

/** A finished walk-in of a fresh patient, and the patient's token. */
async function completedVisit(t: ReturnType<typeof setup>) {
  const patient = await t.sso({ first_name: 'Ana', last_name: 'Reyes' });
  const w = await t.walkin(patient.token);
  expect((await t.control(`/visits/${w.id}/complete`)).status).toBe(200);
  return { ...patient, visitId: w.id as string };
}

describe('GET /visits/:id/exports/visit_summary', () => {
  it('answers {"data": {"url"}} with an absolute capability link to a real PDF', async () => {
    const t = setup();
    const { token, visitId } = await completedVisit(t);
    const res = await t.get(`/visits/${visitId}/exports/visit_summary`, token);
    expect(res.status).toBe(200);
    const raw: Raw = await res.json();
    expect(Object.keys(raw)).toEqual(['data']);
    expect(Object.keys(raw.data)).toEqual(['url']);
    expect(raw.data.url).toMatch(LINK);
    // One link per visit: asking again gives the same one (also with the .json suffix).
    const again: Raw = await (await t.get(`/visits/${visitId}/exports/visit_summary.json`, token)).json();
    expect(again.data.url).toBe(raw.data.url);

    const pdf = await t.host.request(raw.data.url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`inline; filename="visit-summary-${visitId}.pdf"`);
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    expect(pdf.headers.get('referrer-policy')).toBe('no-referrer');
    const text = checkPdf(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain(`(Visit: ${visitId}) Tj`);
    expect(text).toContain('(Sandbox Clinic) Tj');
    expect(text).toContain('(Provider: Dr. Amara Okafor) Tj');
    expect(text).toContain('(Status: Completed) Tj');
    expect(text).toContain('(Kind: Walk-in) Tj');
    expect(text).toContain('(Date and time: Wed, Mar 5, 10:00 AM PST) Tj');
    expect(text).toContain('(Sandbox visit summary \\227 not a medical record) Tj');
    expect(text).toContain('/BaseFont /Helvetica ');
    // The patient appears as first name and last initial only.
    expect(text).toContain('(Patient: Ana R.) Tj');
    expect(text).not.toContain('Reyes');
    expect(text).not.toContain('Sore throat');
  });

  it('builds the link on the publicOrigin given to createSandbox()', async () => {
    const sandbox = createSandbox({ now: () => T0, publicOrigin: 'https://frontdesk.example.org/' });
    const host = new Hono().route('/sandbox', sandbox.app);
    const sso: Raw = await (
      await host.request('/sandbox/api_v3/users/sso', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...SSO_HEADERS },
        body: JSON.stringify({ first_name: 'Ana', last_name: 'Reyes', code: SEED_PATIENT.code }),
      })
    ).json();
    const headers = { 'X-ApiToken': sso.data.token.token };
    // The seeded patient's visit 67258 is a completed walk-in.
    const raw: Raw = await (await host.request('/sandbox/api_v3/visits/67258/exports/visit_summary', { headers })).json();
    expect(raw.data.url).toMatch(/^https:\/\/frontdesk\.example\.org\/sandbox\/vc\/visits\/exports\/[0-9a-f]{32}$/);
    expect(sandbox.publicOrigin).toBe('https://frontdesk.example.org');
    const pdf = await host.request(new URL(raw.data.url).pathname);
    expect(pdf.status).toBe(200);
    expect(checkPdf(new Uint8Array(await pdf.arrayBuffer()))).toContain('(Patient: Ana R.) Tj');
  });

  it.each(['ftp://example.org', 'not a url', 'https://example.org/?x=1', 'https://user:pw@example.org'])(
    'refuses publicOrigin %s',
    (publicOrigin) => {
      expect(() => createSandbox({ publicOrigin })).toThrow(/publicOrigin/);
    },
  );

  it('is only for the patient’s own completed visit', async () => {
    const t = setup();
    const { token, visitId } = await completedVisit(t);
    const other = await t.sso();
    const theirs = await t.get(`/visits/${visitId}/exports/visit_summary`, other.token);
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual(NOT_AVAILABLE);
    expect(await (await t.get('/visits/999999/exports/visit_summary', token)).json()).toEqual(NOT_AVAILABLE);
    expect((await t.get(`/visits/${visitId}/exports/visit_summary`, null)).status).toBe(401);

    const upcoming = await t.book(token, laMarch(6, 10));
    const notYet = await t.get(`/visits/${upcoming.id}/exports/visit_summary`, token);
    expect(notYet.status).toBe(400);
    expect(await notYet.json()).toEqual({ code: 400, message: 'A visit summary is available once the visit is completed.' });
    expect((await t.post('/visits/close', token, { id: upcoming.id, reason: 'patient_cancel_appointment' })).status).toBe(200);
    expect((await t.get(`/visits/${upcoming.id}/exports/visit_summary`, token)).status).toBe(400);
    expect(t.sandbox.store.exports.size).toBe(0);
  });

  it('serves nothing for an unknown link, and forgets links on reset', async () => {
    const t = setup();
    const { token, visitId } = await completedVisit(t);
    const raw: Raw = await (await t.get(`/visits/${visitId}/exports/visit_summary`, token)).json();
    const path = new URL(raw.data.url).pathname;
    expect((await t.host.request(path)).status).toBe(200);
    const wrong = await t.host.request(path.replace(/[0-9a-f]{32}$/, '0'.repeat(32)));
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get('content-type')).toContain('text/html');
    expect(await wrong.text()).toContain('<h1>Summary not found</h1>');
    expect((await t.request('/vc/visits/exports/not-hex')).status).toBe(404);
    t.sandbox.reset();
    expect((await t.host.request(path)).status).toBe(404);
  });
});

describe('the PDF writer', () => {
  it('escapes parentheses and backslashes, writes WinAnsi as octal, and replaces what Helvetica lacks', () => {
    expect(pdfString('a (b) \\ c')).toBe('(a \\(b\\) \\\\ c)');
    expect(pdfString('Café — ok')).toBe('(Caf\\351 \\227 ok)');
    expect(pdfString('10:00\u202fAM 東')).toBe('(10:00 AM ?)');
  });

  it('keeps the cross-reference table exact whatever the text', () => {
    const text = checkPdf(pdfDocument([{ text: 'x'.repeat(500) }, { text: '((()))\\', bold: true }], { title: 'T (1)', created: 0 }));
    expect(text).toContain('/Title (T \\(1\\))');
    expect(text).toContain('/CreationDate (D:19700101000000Z)');
  });
});
