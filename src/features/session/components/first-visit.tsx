import { ButtonLink } from '../../../components/button-link';
import { PageHeading } from '../../../components/page-heading';
import { useI18n } from '../../../lib/i18n/language';

/**
 * Shown in place of a page that needs a session, to someone who never had one in this tab (a
 * bookmarked or shared address): how to start, not "your session has ended".
 */
export function FirstVisit({ onStart }: { onStart: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t.session.firstTitle}</PageHeading>
      <p>{t.session.firstBody}</p>
      <p>{t.session.firstReturnHint}</p>
      <ButtonLink to="/" onClick={onStart}>
        {t.session.firstStart}
      </ButtonLink>
    </>
  );
}
