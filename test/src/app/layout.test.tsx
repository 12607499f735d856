import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { RootErrorPage } from '../../../src/app/error-page';
import { ErrorBoundary } from '../../../src/app/router';
import { installFakeApi } from '../../support/fake-api';
import { renderRoute } from '../../support/render';
import { allowConsoleError } from '../../support/setup-dom';

describe('layout', () => {
  it('has a header and a main landmark, and a skip link to the content', async () => {
    const { user } = renderRoute('/', { api: installFakeApi() });

    expect(await screen.findByRole('heading', { level: 1, name: 'Riverbend Family Clinic' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();

    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
  });

  it('does not move focus on the first page load', async () => {
    renderRoute('/book/walkin/details', { api: installFakeApi() });

    const heading = await screen.findByRole('heading', { level: 1, name: 'Your details' });
    await screen.findByLabelText('First name');
    expect(heading).not.toHaveFocus();
    expect(document.title).toBe('Your details – Riverbend Family Clinic');
  });

  it('moves focus to the heading after back and forward too', async () => {
    const { user, router } = renderRoute('/', { api: installFakeApi() });

    await user.click(await screen.findByRole('button', { name: 'See a provider now' }));
    await screen.findByRole('heading', { level: 1, name: 'Your details' });
    await router.navigate(-1);

    expect(await screen.findByRole('heading', { level: 1, name: 'Riverbend Family Clinic' })).toHaveFocus();
  });

  it('shows "Page not found" for an unknown address', async () => {
    renderRoute('/no/such/page', { api: installFakeApi() });

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
  });
});

describe('error page', () => {
  it('catches a page that throws and offers a way out', async () => {
    allowConsoleError(/Kaboom|The above error occurred/);
    function Broken(): never {
      throw new Error('Kaboom');
    }
    render(
      <MemoryRouter>
        <ErrorBoundary fallback={(error) => <RootErrorPage error={error} />}>
          <Broken />
        </ErrorBoundary>
      </MemoryRouter>,
    );

    expect(await screen.findByRole('heading', { level: 1, name: 'Something went wrong' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
    // Never the error's own text: it could carry details the patient should not see.
    expect(screen.queryByText(/Kaboom/)).not.toBeInTheDocument();
  });
});
