import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { Button } from '../components/button';
import { ButtonLink } from '../components/button-link';
import { ErrorReference } from '../components/error-reference';
import { PageHeading } from '../components/page-heading';
import { useI18n } from '../lib/i18n/language';
import { paths } from '../lib/paths';

/** The router's error boundary inside the layout (the header stays). */
export function ErrorPage() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{notFound ? t.errorPage.notFoundTitle : t.errorPage.title}</PageHeading>
      <p>{notFound ? t.errorPage.notFoundBody : t.errorPage.body}</p>
      <ErrorReference error={error} />
      <div className="actions">
        <Button onClick={() => window.location.reload()}>{t.errorPage.reload}</Button>
        <ButtonLink to={paths.start} variant="secondary">
          {t.errorPage.goToStart}
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
