import { useSyncExternalStore } from 'react';
import { useI18n } from '../lib/i18n/language';

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
  const { t } = useI18n();
  return (
    <div role="status" className={online ? 'connection-status' : 'connection-status alert alert-error'}>
      {online ? null : (
        <p>
          <strong>{t.connection.offlineTitle}</strong> {t.connection.offlineBody}
        </p>
      )}
    </div>
  );
}
