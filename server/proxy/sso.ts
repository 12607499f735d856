/** VSee SSO with the clinic's key and secret: the only call that may carry them. */
import { USER_TYPE } from '../vsee/codes';
import type { VseeClient } from '../vsee/client';
import { ssoUser } from '../vsee/schemas';

export interface SsoInput {
  /** The VSee user code: chosen by the server (guest) or taken from a verified launch token. */
  code: string;
  firstName: string;
  lastName: string;
  dob?: string;
  email?: string;
}

export interface SsoResult {
  memberId: string;
  apiToken: string;
  apiTokenExpires: number;
}

/** Signs the user with this code in at VSee (same code → same user) and returns a fresh token. */
export async function sso(vsee: VseeClient, input: SsoInput, signal?: AbortSignal): Promise<SsoResult> {
  const user = await vsee.call({
    method: 'POST',
    path: 'users/sso',
    appAuth: true,
    schema: ssoUser,
    signal,
    body: {
      code: input.code,
      first_name: input.firstName,
      last_name: input.lastName,
      dob: input.dob,
      email: input.email,
      type: USER_TYPE.member,
    },
  });
  return { memberId: user.id, apiToken: user.token.token, apiTokenExpires: user.token.expiry };
}
