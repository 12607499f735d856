import { Button } from '../components/button';
import { ButtonLink } from '../components/button-link';
import { ErrorReference } from '../components/error-reference';
import { PageHeading } from '../components/page-heading';
import { useI18n } from '../lib/i18n/language';
import { paths } from '../lib/paths';

/** What the router's error boundary inside the layout shows (the header stays). */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t.errorPage.title}</PageHeading>
      <p>{t.errorPage.body}</p>
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
export function RootErrorPage({ error }: { error: unknown }) {
  return (
    <main id="main">
      <ErrorPage error={error} />
    </main>
  );
}
