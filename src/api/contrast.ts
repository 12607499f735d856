/**
 * WCAG 2 contrast between two colours: the clinic's brand colour carries white text (header,
 * buttons, chosen times) and is the colour of links and outlines on white, so it must reach AA
 * (4.5:1) against white. Shared by the server's start-up check and the embed's brand option.
 */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
export const AA_TEXT = 4.5;

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast ratio (1–21) of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A brand colour that white text on it (and it as text on white) can be read against at AA. */
export function isReadableBrand(color: string): boolean {
  return HEX_COLOR.test(color) && contrastRatio(color, '#ffffff') >= AA_TEXT;
}
