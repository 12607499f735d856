/** The clinic's phone number (CLINIC_PHONE), as a link phones can call. */
import { useI18n } from '../lib/i18n/language';
import { rich } from '../lib/i18n/rich';

/** "tel:+15550102000" from "+1 (555) 010-2000": digits and a leading plus only. */
export function telHref(phone: string): string {
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`;
}

export function ClinicPhone({ phone }: { phone: string | null | undefined }) {
  const { t } = useI18n();
  if (!phone) return null;
  return <p className="clinic-phone">{rich(t.common.callClinic, { phone: <a href={telHref(phone)}>{phone}</a> })}</p>;
}
