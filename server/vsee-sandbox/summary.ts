/**
 * The visit summary PDF behind GET /visits/:id/exports/visit_summary. VSee's real summary is a
 * clinical document; the sandbox's says plainly that it is not one, and carries only what the
 * patient's own summary needs to be recognisable (first name and last initial, no reason or notes).
 */
import { pdfDocument } from './pdf';

export interface VisitSummary {
  clinic: string;
  visitId: string;
  kind: string;
  /** Date and time, already formatted in the clinic's time zone (with its abbreviation). */
  when: string;
  provider: string;
  /** "Maria L." */
  patient: string;
  status: string;
  /** Unix seconds. */
  created: number;
}

export const SUMMARY_DISCLAIMER = 'Sandbox visit summary — not a medical record';

export function visitSummaryPdf(s: VisitSummary): Uint8Array<ArrayBuffer> {
  return pdfDocument(
    [
      { text: s.clinic, size: 20, bold: true },
      { text: 'Visit summary', size: 14, bold: true, gapBefore: 4 },
      { text: `Visit: ${s.visitId}`, gapBefore: 12 },
      { text: `Kind: ${s.kind}` },
      { text: `Date and time: ${s.when}` },
      { text: `Provider: ${s.provider}` },
      { text: `Patient: ${s.patient}` },
      { text: `Status: ${s.status}` },
      { text: SUMMARY_DISCLAIMER, bold: true, gapBefore: 18 },
    ],
    { title: `Visit summary ${s.visitId}`, created: s.created },
  );
}
