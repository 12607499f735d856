/** One way to sign a patient in, for guests and launched patients alike. */
import type { Context } from 'hono';
import type { ProxyDeps } from './context';
import { audit } from './logger';
import { newSessionId, sessionView, type SessionData } from './session';
import { sso, type SsoInput } from './sso';

export async function startSession(c: Context, deps: ProxyDeps, kind: 'guest' | 'launch', who: SsoInput) {
  const t = await sso(deps.vsee, who);
  const now = Math.floor(deps.now() / 1000);
  const s: SessionData = {
    sid: newSessionId(),
    userCode: who.code,
    ...t,
    firstName: who.firstName,
    lastName: who.lastName,
    born: now,
    seen: now,
    intakes: [],
    ...(kind === 'launch' ? { launched: true } : {}),
  };
  await deps.sessions.write(c, s);
  audit(deps.log, 'session_start', { kind, member: t.memberId });
  audit(deps.log, 'sso_mint', { member: t.memberId });
  return c.json(sessionView(s), 201);
}
