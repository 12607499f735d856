/**
 * Render the real app (real routes, real providers) at a path, in a memory router, with a fresh
 * QueryClient every time. Pass the fake API the test set up.
 */
import { render } from '@testing-library/react';
import userEvent, { type Options as UserEventOptions } from '@testing-library/user-event';
import { StrictMode } from 'react';
import { UNSAFE_createMemoryHistory as createMemoryHistory, type To } from 'react-router-dom';
import { AppProviders } from '../../src/app/providers';
import { createQueryClient } from '../../src/app/query-client';
import { AppRouter, AppRoutes, type AppHistory } from '../../src/app/router';
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
  const history: AppHistory = createMemoryHistory({ initialEntries: [{ pathname: path, state: options.state }], v5Compat: true });
  // What tests need of a router: go somewhere, and where are we now.
  const router = {
    navigate: async (to: To | number) => (typeof to === 'number' ? history.go(to) : history.push(to)),
    state: {
      get location() {
        return history.location;
      },
    },
  };
  // No wait between the one retry of a failed query: tests should not sleep.
  const queryClient = createQueryClient({ retryDelay: 0 });
  const user = userEvent.setup(options.user);
  const result = render(
    <StrictMode>
      <AppProviders queryClient={queryClient} {...(options.flow ? { initialFlow: options.flow } : {})}>
        <AppRouter history={history}>
          <AppRoutes />
        </AppRouter>
      </AppProviders>
    </StrictMode>,
  );
  return { ...result, api, router, queryClient, user };
}
