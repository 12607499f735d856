/**
 * Handing the patient off to the clinic's VSee portal: our proxy makes a one-time address (it
 * carries a sign-in token), and the patient goes there (src/lib/portal-exit.ts says how).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { emitEmbed, isEmbedded } from '../../lib/embed';
import { prepareExit, type Exit } from '../../lib/portal-exit';
import { ApiRequestError, apiSend } from '../client';
import { handoff, type HandoffRequest } from '../contract';
import { clinicQueries } from './clinic';

async function requestHandoff(body: HandoffRequest): Promise<string> {
  const { url } = await apiSend('POST', '/api/handoff', body, handoff);
  // Only ever leave for a web page: never run a script: or data: address, whoever sent it.
  if (!/^https?:$/.test(new URL(url).protocol)) {
    throw new ApiRequestError({ status: 200, code: 'bad_response', message: 'The portal address is not a web page.' });
  }
  return url;
}

/** A handoff for a button: call `start` from its click handler. */
export function useHandoff(body: HandoffRequest) {
  const mode = useQuery(clinicQueries.settings()).data?.handoffTarget ?? 'new-tab';
  const mutation = useMutation({
    mutationFn: async (exit: Exit) => {
      let url: string;
      try {
        url = await requestHandoff(body);
      } catch (error) {
        exit.abandon();
        throw error;
      }
      const outcome = exit.go(url);
      // The host page learns where the patient went, never the address (it carries a sign-in token).
      if (outcome.kind !== 'link') emitEmbed('handoff', { target: body.target });
      return outcome;
    },
  });
  return {
    start: () => mutation.mutate(prepareExit(isEmbedded() ? mode : null)),
    /** Asking the proxy, or this page is on its way out. */
    busy: mutation.isPending || mutation.data?.kind === 'leaving',
    outcome: mutation.data ?? null,
    error: mutation.error,
    /** For the fallback link: the patient leaves when they follow it. */
    followedLink: () => emitEmbed('handoff', { target: body.target }),
  };
}
