/**
 * DexCare's waiting room: "a Waiting Room URL: DexCare/visit/{visitID}?brand={brandID}" (seed 004),
 * joined to the configured DEXCARE_WAITING_ROOM_URL. The visit id is DexCare's opaque id and the
 * brand is configuration, so the URL carries no PHI.
 */
export function waitingRoomUrl(opts: { base: string; visitId: string; brand: string }): string {
  if (!opts.visitId.trim()) throw new Error('waitingRoomUrl: empty visit id');
  if (!opts.brand.trim()) throw new Error('waitingRoomUrl: empty brand');
  const base = opts.base.endsWith('/') ? opts.base : `${opts.base}/`;
  const url = new URL(`DexCare/visit/${encodeURIComponent(opts.visitId)}`, base);
  url.searchParams.set('brand', opts.brand);
  return url.toString();
}
