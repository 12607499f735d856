import { PageHeading } from '../../../components/page-heading';

/**
 * Shown in place of any page when the browser refused our session cookie inside the host's frame.
 * The same page in a tab of its own is first-party, so the cookie works there.
 */
export function CookiesBlocked({ path }: { path: string }) {
  return (
    <>
      <PageHeading>We could not keep you signed in</PageHeading>
      <p>Your browser blocked this booking window from keeping you signed in.</p>
      <p>Booking works in a tab of its own. You may be asked for your details again there.</p>
      <div className="actions">
        <a className="button button-primary" href={path} target="_blank" rel="noopener noreferrer">
          Continue in a new tab
        </a>
      </div>
    </>
  );
}
