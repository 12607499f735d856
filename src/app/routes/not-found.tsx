import { ButtonLink } from '../../components/button-link';
import { PageHeading } from '../../components/page-heading';
import { useI18n } from '../../lib/i18n/language';
import { paths } from '../../lib/paths';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t.errorPage.notFoundTitle}</PageHeading>
      <p>{t.errorPage.notFoundPageBody}</p>
      <ButtonLink to={paths.start}>{t.errorPage.goToStart}</ButtonLink>
    </>
  );
}
