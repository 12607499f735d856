import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/**
 * Says so when the device loses its connection. The live region is always in the page (a region
 * that appears together with its text is often not announced); only its text comes and goes.
 */
export function ConnectionStatus() {
  const online = useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
  return (
    <div role="status" className={online ? 'connection-status' : 'connection-status alert alert-error'}>
      {online ? null : (
        <p>
          <strong>You are offline.</strong> What you entered is kept on this page. We will carry on when your connection is back.
        </p>
      )}
    </div>
  );
}
