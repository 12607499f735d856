/** The clinic's phone number (CLINIC_PHONE), as a link phones can call. */

/** "tel:+15550102000" from "+1 (555) 010-2000": digits and a leading plus only. */
export function telHref(phone: string): string {
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`;
}

export function ClinicPhone({ phone }: { phone: string | null | undefined }) {
  if (!phone) return null;
  return (
    <p className="clinic-phone">
      To talk to someone at the clinic, call <a href={telHref(phone)}>{phone}</a>.
    </p>
  );
}
