import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { Button } from '../components/button';
import { ButtonLink } from '../components/button-link';
import { PageHeading } from '../components/page-heading';
import { paths } from './paths';

/** The router's error boundary inside the layout (the header stays). */
export function ErrorPage() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <>
      <PageHeading>{notFound ? 'Page not found' : 'Something went wrong'}</PageHeading>
      <p>
        {notFound
          ? 'We could not find that page.'
          : 'This page could not be shown. Check your internet connection, then reload the page or start again.'}
      </p>
      <div className="actions">
        <Button onClick={() => window.location.reload()}>Reload the page</Button>
        <ButtonLink to={paths.start} variant="secondary">
          Go to the start page
        </ButtonLink>
      </div>
    </>
  );
}

/** When the layout itself fails there is no <main> around us, so bring one. */
export function RootErrorPage() {
  return (
    <main id="main">
      <ErrorPage />
    </main>
  );
}
