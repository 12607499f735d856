import { notifyManager, QueryClientContext } from '@tanstack/react-query';
import { useCallback, useContext, useEffect, useSyncExternalStore, type Ref } from 'react';
import { clinicQueries } from '../api/queries/clinic';

/**
 * The clinic's name as the layout fetched it (read from the cache, never fetched here). No query
 * client only on the root error page, which must render whatever broke.
 */
function useClinicName(): string | undefined {
  const client = useContext(QueryClientContext);
  // Batched as useQuery's own observers are: a query added while another component renders (the
  // layout entering a provider's room) must not update this one during that render.
  const subscribe = useCallback(
    (onChange: () => void) => client?.getQueryCache().subscribe(notifyManager.batchCalls(onChange)) ?? (() => {}),
    [client],
  );
  const read = () => client?.getQueryData(clinicQueries.settings().queryKey)?.name;
  return useSyncExternalStore(subscribe, read, read);
}

/**
 * The page's one h1. It names the document ("<Page> – <Clinic name>": the patient's tab says
 * whose page it is, never our code name) and can take focus: the layout moves focus here after
 * every navigation so screen readers start at the new page.
 */
export function PageHeading({ children, ref }: { children: string; ref?: Ref<HTMLHeadingElement> }) {
  const clinicName = useClinicName();
  useEffect(() => {
    document.title = clinicName && clinicName !== children ? `${children} – ${clinicName}` : children;
  }, [children, clinicName]);
  return (
    <h1 ref={ref} className="page-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}
