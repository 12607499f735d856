import { ButtonLink } from '../../../components/button-link';
import { PageHeading } from '../../../components/page-heading';

/** Shown in place of any page once the server says the session is over. */
export function SessionEnded({ onStartAgain }: { onStartAgain: () => void }) {
  return (
    <>
      <PageHeading>Your session has ended</PageHeading>
      <p>To keep your information safe, sessions end after a period without activity or after a couple of hours.</p>
      <p>Nothing more will be shared from this page. You can start again whenever you are ready.</p>
      <ButtonLink to="/" onClick={onStartAgain}>
        Start again
      </ButtonLink>
    </>
  );
}
