import { ButtonLink } from '../../components/button-link';
import { PageHeading } from '../../components/page-heading';
import { paths } from '../paths';

export function NotFoundPage() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>We could not find that page. The link may be old or mistyped.</p>
      <ButtonLink to={paths.start}>Go to the start page</ButtonLink>
    </>
  );
}
