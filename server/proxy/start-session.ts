/** One way to sign a patient in, for guests and launched patients alike. */
import type { Context } from 'hono';
import type { SignIn } from '../backend/clinic-backend';
import type { ProxyDeps } from './context';
import { audit } from './logger';
import { newSessionId, sessionView, type SessionData } from './session';
import { sso } from './sso';

export async function startSession(c: Context, deps: ProxyDeps, kind: 'guest' | 'launch', who: Omit<SignIn, 'kind'>) {
  // The DexCare backend, when it plays the clinic, decides who this is (decision 014); else VSee SSO.
  const identity = deps.dexcare
    ? await deps.dexcare.startSession({ ...who, kind })
    : { backend: 'vsee' as const, userCode: who.code, ...(await sso(deps.vsee, who)) };
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
  audit(deps.log, 'session_start', { kind, member: identity.memberId, ...(identity.backend === 'vsee' ? {} : { backend: identity.backend }) });
  if (identity.backend === 'vsee') audit(deps.log, 'sso_mint', { member: identity.memberId });
  return c.json(sessionView(s), 201);
}
