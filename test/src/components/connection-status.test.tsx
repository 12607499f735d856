import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionStatus } from '../../../src/components/connection-status';

function goOffline(offline: boolean) {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(!offline);
  act(() => {
    window.dispatchEvent(new Event(offline ? 'offline' : 'online'));
  });
}

describe('connection status', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says so when the connection drops and falls silent when it is back, in one live region', () => {
    render(<ConnectionStatus />);
    const region = screen.getByRole('status');
    expect(region).toBeEmptyDOMElement();
    goOffline(true);
    expect(screen.getByRole('status')).toBe(region);
    expect(region).toHaveTextContent(/You are offline\. What you entered is kept/);
    goOffline(false);
    expect(region).toBeEmptyDOMElement();
  });
});
