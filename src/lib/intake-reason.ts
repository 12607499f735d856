// Not in booking-flow.tsx, which the start page loads: this parses with the full contract, which loads with the review page.
import { z } from 'zod/mini';
import { intakeRequest } from '../api/contract';
import type { BookingFlow } from './booking-flow';

/**
 * The reason the patient gave, read back from the intake request this booking made (memory only),
 * so the review can show it; null when there is none.
 */
export function intakeReason(flow: Pick<BookingFlow, 'intakeSignature'>): string | null {
  if (!flow.intakeSignature) return null;
  try {
    const parsed = z.pick(intakeRequest, { reason: true }).safeParse(JSON.parse(flow.intakeSignature));
    return parsed.success ? parsed.data.reason : null;
  } catch {
    return null;
  }
}

/**
 * Where the patient said they are, read back the same way: the service area they picked, else
 * their state (what the proxy books the visit by); null when there is none.
 */
export function intakeArea(flow: Pick<BookingFlow, 'intakeSignature'>): string | null {
  if (!flow.intakeSignature) return null;
  try {
    const parsed = z.pick(intakeRequest, { state: true, area: true }).safeParse(JSON.parse(flow.intakeSignature));
    return parsed.success ? (parsed.data.area ?? parsed.data.state) : null;
  } catch {
    return null;
  }
}
