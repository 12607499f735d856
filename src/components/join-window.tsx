/**
 * "Join video visit", offered when joining opens; before then, when it will. Re-checks the clock
 * every 15 seconds, so the button appears on its own on a page left open.
 */
import type { ReactNode } from 'react';
import type { Visit } from '../api/contract';
import { formatSlotName } from '../lib/format-time';
import { format, useI18n } from '../lib/i18n/language';
import { joinState } from '../lib/join-window';
import { useTimeZone } from '../lib/time-zone';
import { useNow } from '../lib/use-now';

export function JoinWindow({ visit, children }: { visit: Pick<Visit, 'kind' | 'status' | 'start'>; children: ReactNode }) {
  const now = useNow(15_000);
  const timeZone = useTimeZone();
  const { t } = useI18n();
  const state = joinState(visit, now);
  return (
    <div className="join-window">
      {/* Polite: said once when joining opens, not on every tick. */}
      <p role="status" className="join-window-status">
        {state.kind === 'later' ? format(t.joinWindow.opensAt, { time: formatSlotName(state.opensAt, timeZone) }) : ''}
      </p>
      {state.kind === 'open' ? children : null}
    </div>
  );
}
