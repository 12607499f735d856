/**
 * Render the real app (real routes, real providers) at a path, in a memory router, with a fresh
 * QueryClient every time. Pass the fake API the test set up.
 */
import { render } from '@testing-library/react';
import userEvent, { type Options as UserEventOptions } from '@testing-library/user-event';
import { StrictMode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { AppProviders } from '../../src/app/providers';
import { createQueryClient } from '../../src/app/query-client';
import { routes } from '../../src/app/router';
import type { BookingFlow } from '../../src/lib/booking-flow';
import { installFakeApi, type FakeApi } from './fake-api';

export interface RenderRouteOptions {
  api?: FakeApi;
  /** Booking flow state as if earlier steps had happened in this tab. */
  flow?: Partial<BookingFlow>;
  /** Router state for the first entry (e.g. a notice). */
  state?: unknown;
  user?: UserEventOptions;
}

export function renderRoute(path: string, options: RenderRouteOptions = {}) {
  const api = options.api ?? installFakeApi();
  const router = createMemoryRouter(routes, { initialEntries: [{ pathname: path, state: options.state }] });
  // No wait between the one retry of a failed query: tests should not sleep.
  const queryClient = createQueryClient({ retryDelay: 0 });
  const user = userEvent.setup(options.user);
  const result = render(
    <StrictMode>
      <AppProviders queryClient={queryClient} {...(options.flow ? { initialFlow: options.flow } : {})}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
  return { ...result, api, router, queryClient, user };
}
