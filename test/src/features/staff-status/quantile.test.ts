import { describe, expect, it } from 'vitest';
import { quantile } from '../../../../src/features/staff-status/components/status-page';

describe('quantile from bucket counts', () => {
  const bounds = [1, 2, 4] as const;
  it('is the bound of the bucket the q-th count falls in', () => {
    expect(quantile([2, 1, 1, 0], bounds, 0.5)).toBe(1);
    expect(quantile([1, 1, 1, 1], bounds, 0.5)).toBe(2);
    expect(quantile([0, 0, 9, 1], bounds, 0.95)).toBe(Number.POSITIVE_INFINITY);
    expect(quantile([0, 0, 10, 0], bounds, 0.95)).toBe(4);
  });
  it('is null without counts', () => {
    expect(quantile([0, 0, 0, 0], bounds, 0.5)).toBeNull();
  });
});
