/** One way to sign a patient in, for guests and launched patients alike. */
import type { Context } from 'hono';
import type { SignIn } from '../backend/clinic-backend';
import type { ProxyDeps } from './context';
import { audit } from './logger';
import { newSessionId, sessionView, type SessionData } from './session';

export async function startSession(c: Context, deps: ProxyDeps, kind: 'guest' | 'launch', who: Omit<SignIn, 'kind'>) {
  // The backend signs the patient in: VSee's SSO, or DexCare's patient from the launch (decision 014).
  const identity = await deps.backend.startSession({ ...who, kind });
  const now = Math.floor(deps.now() / 1000);
  const s: SessionData = {
    sid: newSessionId(),
    ...identity,
    firstName: who.firstName,
    lastName: who.lastName,
    ...(who.dob ? { dob: who.dob } : {}),
    born: now,
    seen: now,
    intakes: [],
    ...(kind === 'launch' ? { launched: true } : {}),
  };
  await deps.sessions.write(c, s);
  audit(deps.log, 'session_start', { kind, member: identity.memberId, backend: identity.backend });
  if (identity.backend === 'vsee') audit(deps.log, 'sso_mint', { member: identity.memberId });
  return c.json(sessionView(s), 201);
}
