import { PageHeading } from '../../../components/page-heading';
import { useI18n } from '../../../lib/i18n/language';

/**
 * Shown in place of any page when the browser refused our session cookie inside the host's frame.
 * The same page in a tab of its own is first-party, so the cookie works there.
 */
export function CookiesBlocked({ path }: { path: string }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t.session.cookiesTitle}</PageHeading>
      <p>{t.session.cookiesBody}</p>
      <p>{t.session.cookiesNewTab}</p>
      <div className="actions">
        <a className="button button-primary" href={path} target="_blank" rel="noopener noreferrer">
          {t.session.continueNewTab}
        </a>
      </div>
    </>
  );
}
