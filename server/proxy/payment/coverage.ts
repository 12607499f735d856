/**
 * How the visit is paid, and the patient's live coverage state (issue #12; VSee seed 003).
 *
 * Saving insurance: `POST /me` with seed 003's `insurance.*` fields, then one
 * `POST /users/:id/:carrier_code/eligibility` per card. VSee runs each check ~10 s later and
 * sends `eligibility.checked` to our webhook (webhooks/receiver.ts → recordEligibility()). Without
 * a webhook — none configured, or none within WEBHOOK_GRACE_MS — reading the coverage also reads
 * the user's cards (`GET /users/:id/insurances`, `eligibility.status`), at most once per
 * COVERAGE_POLL_SECONDS per patient, while a page is asking.
 *
 * Everything lives in the shared store, so any copy of the proxy answers the same:
 *   pay:<member>     the patient's choice and cards (insurer, last 4 of the member ID, check id)
 *   elig:<check id>  a check's result {memberId, state, at}
 *   covpoll:<member> the fallback's rate limit
 * The member ID itself is never stored, logged or sent back: only its last 4 characters.
 */
import { z } from 'zod';
import type {
  Coverage,
  CoverageCard,
  CoverageState,
  FieldErrorCode,
  InsuranceCard,
  PaymentOptions,
  PaymentRequest,
  Price,
} from '../../../src/api/contract';
import type { Config } from '../../config';
import { VseeError, type VseeClient } from '../../vsee/client';
import {
  eligibilityState,
  eligibilityTriggered,
  insuranceForm,
  insurers as vseeInsurers,
  meUser,
  userInsurances,
  type EligibilityState,
  type InsuranceCardInput,
  type VseeInsurer,
} from '../../vsee/insurance';
import type { Logger } from '../logger';
import type { PatientHandle } from '../patient';
import { Problem } from '../problem';
import type { KvStore } from '../stores/store';

const KEEP_MS = 24 * 60 * 60 * 1000;
/** With a webhook configured, the fallback still reads VSee when no result came this long after the check. */
export const WEBHOOK_GRACE_MS = 30_000;
/** A check with no answer after this long is "we couldn't confirm": the patient is never left waiting. */
export const GIVE_UP_MS = 10 * 60_000;
const CACHE_MS = 5 * 60_000;

interface StoredCard {
  order: 'primary' | 'secondary';
  carrierCode: string | null;
  insurer: string | null;
  last4: string | null;
  eligibilityId: string | null;
  /** When the check was asked for (ms); null when it could not be. */
  requestedAt: number | null;
}
interface StoredPayment {
  method: 'insurance' | 'self_pay' | 'not_sure';
  cards: StoredCard[];
  savedAt: number;
}
const storedPayment = z.object({
  method: z.enum(['insurance', 'self_pay', 'not_sure']),
  cards: z.array(
    z.object({
      order: z.enum(['primary', 'secondary']),
      carrierCode: z.string().nullable(),
      insurer: z.string().nullable(),
      last4: z.string().nullable(),
      eligibilityId: z.string().nullable(),
      requestedAt: z.number().nullable(),
    }),
  ),
  savedAt: z.number(),
});
const storedResult = z.object({ memberId: z.string(), state: z.enum(['active', 'inactive', 'unknown']), at: z.number() });

/** A stored JSON value; anything unreadable counts as absent. */
function parseJson(raw: string | null): unknown {
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

const payKey = (mid: string) => `pay:${mid}`;
const eligKey = (id: string) => `elig:${id}`;

/** What the room says a self-paying patient is charged: the first consultation a patient may see. */
const roomPayment = z.object({
  payment: z
    .object({
      consultations: z
        .array(
          z.object({
            amount: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).transform(Number).nullish(),
            visible_to_patient: z.boolean().nullish(),
          }),
        )
        .nullish(),
      currency: z.string().nullish(),
      paymentCurrency: z.string().nullish(),
    })
    .nullish(),
});

export function priceOfRoom(r: z.infer<typeof roomPayment>): Price | null {
  const first = r.payment?.consultations?.find((c) => c.visible_to_patient !== false);
  if (!first || first.amount == null || !Number.isFinite(first.amount)) return null;
  const currency = (r.payment?.currency ?? r.payment?.paymentCurrency ?? 'USD').toUpperCase();
  return /^[A-Z]{3}$/.test(currency) ? { amount: first.amount, currency } : null;
}

/** Stores a check's result (from the webhook or the fallback). */
export async function recordEligibility(kv: KvStore, eligibilityId: string, memberId: string, state: EligibilityState, at: number) {
  await kv.set(eligKey(eligibilityId), JSON.stringify({ memberId, state, at }), KEEP_MS);
}

/**
 * GET /users/:id/insurances' `eligibility.status` → a result; null while the check has not run
 * (no `eligibility`, or a word that says it is still going).
 */
function stateOfStatus(status: string | null | undefined): EligibilityState | null {
  if (!status || /^(pending|queued|processing|checking|in[_ ]progress)$/i.test(status.trim())) return null;
  return eligibilityState(status);
}

export interface CoverageDeps {
  config: Config;
  vsee: VseeClient;
  kv: KvStore;
  log: Logger;
  now: () => number;
}

export function createCoverage(deps: CoverageDeps) {
  const { vsee, kv, config } = deps;
  let insurersCache: { at: number; list: VseeInsurer[] } | null = null;
  let priceCache: { at: number; price: Price | null } | null = null;

  async function insurerList(patient: PatientHandle): Promise<VseeInsurer[]> {
    if (insurersCache && deps.now() - insurersCache.at < CACHE_MS) return insurersCache.list;
    const r = await patient.call({ method: 'GET', path: 'insurances', schema: vseeInsurers });
    insurersCache = { at: deps.now(), list: r.insurers };
    return r.insurers;
  }

  async function roomPrice(): Promise<Price | null> {
    if (priceCache && deps.now() - priceCache.at < 60_000) return priceCache.price;
    const r = await vsee.call({ method: 'GET', path: `rooms/${encodeURIComponent(config.vsee.roomCode)}`, schema: roomPayment });
    priceCache = { at: deps.now(), price: priceOfRoom(r) };
    return priceCache.price;
  }

  async function readPayment(mid: string): Promise<StoredPayment | null> {
    const raw = await kv.get(payKey(mid));
    const parsed = storedPayment.safeParse(parseJson(raw));
    return parsed.success ? parsed.data : null;
  }

  async function options(patient: PatientHandle): Promise<PaymentOptions> {
    const [list, price] = await Promise.all([insurerList(patient), roomPrice()]);
    return { insurers: list.map((i) => ({ id: i.id, name: i.name })), price };
  }

  /** Asks VSee to check one card; null when it refused (the card then shows "couldn't confirm"). */
  async function trigger(patient: PatientHandle, carrierCode: string): Promise<string | null> {
    try {
      const r = await patient.call({
        method: 'POST',
        path: `users/${encodeURIComponent(patient.memberId)}/${encodeURIComponent(carrierCode)}/eligibility`,
        schema: eligibilityTriggered,
      });
      return r.eligibility_id;
    } catch (err) {
      if (!(err instanceof VseeError)) throw err;
      // The check never blocks the visit: VSee refusing it means "we couldn't confirm".
      deps.log.warn({ event: 'eligibility_trigger_failed', member: patient.memberId, status: err.status, kind: err.kind });
      return null;
    }
  }

  async function save(patient: PatientHandle, req: PaymentRequest): Promise<Coverage> {
    const cards: StoredCard[] = [];
    if (req.method === 'insurance') {
      const list = await insurerList(patient);
      const byId = new Map(list.map((i) => [i.id, i.name]));
      const fields: Record<string, FieldErrorCode> = {};
      const listed = (order: 'primary' | 'secondary', card: InsuranceCard): InsuranceCardInput | null => {
        if (card.insurerId === null) return null;
        if (!byId.has(card.insurerId)) fields[`${order}.insurerId`] = 'insurer_required';
        return { carrierCode: card.insurerId, memberId: card.memberId, groupNumber: card.groupNumber || undefined };
      };
      const primary = listed('primary', req.primary);
      const secondary = req.secondary ? listed('secondary', req.secondary) : null;
      if (Object.keys(fields).length) throw new Problem(400, 'bad_request', 'Some details need another look.', fields);

      if (primary) {
        const holder = req.holder.relation === 'self' ? undefined : { firstName: req.holder.firstName!, lastName: req.holder.lastName!, dob: req.holder.dob! };
        const form = insuranceForm({ primary, secondary: secondary ?? undefined, respparty: req.holder.relation, holder });
        await patient.call({ method: 'POST', path: 'me', schema: meUser, body: form });
      }
      const now = deps.now();
      for (const [order, input, card] of [
        ['primary', primary, req.primary],
        ['secondary', secondary, req.secondary],
      ] as const) {
        if (!card) continue;
        if (!input) {
          cards.push({ order, carrierCode: null, insurer: null, last4: null, eligibilityId: null, requestedAt: null });
          continue;
        }
        const eligibilityId = await trigger(patient, input.carrierCode);
        cards.push({
          order,
          carrierCode: input.carrierCode,
          insurer: byId.get(input.carrierCode) ?? null,
          last4: input.memberId.replace(/[\s-]/g, '').slice(-4),
          eligibilityId,
          requestedAt: eligibilityId ? now : null,
        });
      }
    }
    const record: StoredPayment = { method: req.method, cards, savedAt: deps.now() };
    await kv.set(payKey(patient.memberId), JSON.stringify(record), KEEP_MS);
    deps.log.info({ audit: 'payment_choice', member: patient.memberId, method: req.method, cards: cards.length });
    return read(patient);
  }

  /** Reads VSee's own record of the checks (the fallback); results go where the webhook's would. */
  async function poll(patient: PatientHandle, record: StoredPayment): Promise<void> {
    try {
      const list = await patient.call({ method: 'GET', path: `users/${encodeURIComponent(patient.memberId)}/insurances`, schema: userInsurances });
      for (const card of record.cards) {
        if (!card.eligibilityId || !card.carrierCode) continue;
        const theirs = list.find((c) => c.card_type === card.order && (!c.insurer_code || c.insurer_code === card.carrierCode));
        const state = stateOfStatus(theirs?.eligibility?.status);
        if (state) await recordEligibility(kv, card.eligibilityId, patient.memberId, state, deps.now());
      }
    } catch (err) {
      if (!(err instanceof VseeError)) throw err;
      // The next read tries again; the patient keeps seeing "checking".
    }
  }

  async function cardState(mid: string, card: StoredCard): Promise<CoverageState> {
    if (!card.carrierCode) return 'not_checked';
    if (!card.eligibilityId) return 'unknown';
    const r = storedResult.safeParse(parseJson(await kv.get(eligKey(card.eligibilityId))));
    if (r.success && r.data.memberId === mid) return r.data.state;
    if (card.requestedAt !== null && deps.now() - card.requestedAt > GIVE_UP_MS) return 'unknown';
    return 'checking';
  }

  async function read(patient: PatientHandle): Promise<Coverage> {
    const mid = patient.memberId;
    const record = await readPayment(mid);
    const price = await roomPrice().catch(() => null);
    if (!record) return { method: null, cards: [], price };
    let states = await Promise.all(record.cards.map((c) => cardState(mid, c)));
    const waiting = record.cards.filter((c, i) => states[i] === 'checking');
    const webhookLate = waiting.some((c) => c.requestedAt !== null && deps.now() - c.requestedAt > WEBHOOK_GRACE_MS);
    if (waiting.length && (!config.webhookSecret || webhookLate)) {
      // Gently: one read of VSee per patient per interval, however many tabs or copies ask.
      if (await kv.setIfAbsent(`covpoll:${mid}`, '1', config.coveragePollMs)) {
        await poll(patient, record);
        states = await Promise.all(record.cards.map((c) => cardState(mid, c)));
      }
    }
    const cards: CoverageCard[] = record.cards.map((c, i) => ({ order: c.order, insurer: c.insurer, memberIdLast4: c.last4, state: states[i]! }));
    return { method: record.method, cards, price };
  }

  return { options, save, read };
}
export type CoverageService = ReturnType<typeof createCoverage>;
