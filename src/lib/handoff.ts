/** Asks our proxy for a one-time address in the clinic's VSee portal (the patient then leaves for it). */
import { ApiRequestError, apiSend } from '../api/client';
import { handoff, type HandoffRequest } from '../api/contract';

export async function requestHandoff(body: HandoffRequest): Promise<string> {
  const { url } = await apiSend('POST', '/api/handoff', body, handoff);
  // Only ever leave for a web page: never run a script: or data: address, whoever sent it.
  if (!/^https?:$/.test(new URL(url).protocol)) {
    throw new ApiRequestError({ status: 200, code: 'bad_response', message: 'The clinic portal address looks wrong.' });
  }
  return url;
}
