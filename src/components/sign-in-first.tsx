import { Alert } from './alert';

/** Without guest booking only patients the host site signed in may book (embedded launch). */
export function SignInFirst() {
  return (
    <Alert tone="info" title="Sign in to book">
      <p>To book, please sign in on your health system's website first.</p>
    </Alert>
  );
}
