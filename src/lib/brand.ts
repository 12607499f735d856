/**
 * The clinic's colour on the page: CLINIC_BRAND_COLOR (checked at start for AA with white text),
 * or a host page's `brandColor` embed option when it passes the same check. Set as CSS custom
 * properties through the CSSOM, which the page's style-src 'self' policy allows.
 */
import { useEffect } from 'react';
import { isReadableBrand } from '../api/contrast';

let embedBrand: string | null = null;

/** The embed's `brandColor` option; ignored unless white text on it reaches AA. */
export function setEmbedBrandColor(color: unknown): void {
  embedBrand = typeof color === 'string' && isReadableBrand(color) ? color.toLowerCase() : null;
}

export function useBrandColor(clinicColor: string | null | undefined): void {
  const color = embedBrand ?? clinicColor ?? null;
  useEffect(() => {
    const root = document.documentElement.style;
    if (!color) {
      root.removeProperty('--color-brand');
      root.removeProperty('--color-brand-dark');
      return;
    }
    root.setProperty('--color-brand', color);
    // Darker still reads against white text; used for hover.
    root.setProperty('--color-brand-dark', `color-mix(in srgb, ${color} 78%, #000000)`);
  }, [color]);
}
