/**
 * The VSee user code of someone a patient books for (decision 067): derived on the server from the
 * guardian's own code and the person's normalised name and date of birth, keyed with
 * DEPENDENT_CODE_SECRET. Same guardian, same child → same VSee patient; the browser never chooses
 * or sees it (DESIGN.md: whoever chooses the code gets that patient's account).
 */
import { createHmac } from 'node:crypto';

export interface Dependent {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dob: string;
}

/** "  Sofía   LOPEZ " and "sofía lopez" are one person. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function dependentCode(secret: string, guardianCode: string, d: Dependent): string {
  const mac = createHmac('sha256', secret)
    .update([guardianCode, normaliseName(d.firstName), normaliseName(d.lastName), d.dob].join('\u001f'))
    .digest('base64url');
  return `dep-${mac}`;
}
