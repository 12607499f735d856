import { ButtonLink } from '../../../components/button-link';
import { PageHeading } from '../../../components/page-heading';
import { useI18n } from '../../../lib/i18n/language';

/** Shown in place of any page once the server says the session is over. */
export function SessionEnded({ onStartAgain }: { onStartAgain: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t.session.endedTitle}</PageHeading>
      <p>{t.session.endedWhy}</p>
      <p>{t.session.endedNothingShared}</p>
      <ButtonLink to="/" onClick={onStartAgain}>
        {t.session.startAgain}
      </ButtonLink>
    </>
  );
}
