/** A price in the patient's language ("$49.00", "49,00 US$"); 0 is "No charge", said by the caller. */
export function formatMoney(amount: number, currency: string, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(amount);
}
