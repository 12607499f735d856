/**
 * The region choice a patient is shown. DexCare: "You will need to add 'Other' to the list
 * returned. If the user selects 'Other' you will want to provide a message that they are out of
 * service area." Inactive regions are not offered.
 */
import type { Practice } from './schemas';

/** Our own id for "Other" (not a DexCare region: it is never sent to DexCare). */
export const OTHER_REGION_ID = 'other';

export interface RegionChoice {
  id: string;
  displayName: string;
  regionCode: string | null;
  /** "Other": the patient is outside every region the practice serves. */
  outOfArea: boolean;
}

export function regionChoices(p: Practice): RegionChoice[] {
  const served = p.practiceRegions
    .filter((r) => r.active)
    .map((r) => ({ id: r.id, displayName: r.displayName, regionCode: r.regionCode, outOfArea: false }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en'));
  return [...served, { id: OTHER_REGION_ID, displayName: 'Other', regionCode: null, outOfArea: true }];
}
