/**
 * "Invite someone to join": asks the proxy for the visit's guest link and helps the patient pass
 * it on. Shared by the visit page (upcoming appointment) and the waiting room (walk-in).
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { apiSend } from '../api/client';
import { invite } from '../api/contract';
import { Alert } from './alert';
import { Button } from './button';

type CopyState = 'idle' | 'copied' | 'failed';

const COPY_MESSAGES: Record<CopyState, string> = {
  idle: '',
  copied: 'Link copied',
  failed: 'We could not copy the link. Select the link and copy it.',
};

export function InviteGuest({ visitId }: { visitId: string }) {
  const headingId = useId();
  const fieldId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const create = useMutation({
    mutationFn: () => apiSend('POST', `/api/visits/${encodeURIComponent(visitId)}/invite`, {}, invite),
  });

  // The button makes way for the link: put focus on the link so keyboard users are not lost.
  useEffect(() => {
    if (create.isSuccess) inputRef.current?.focus();
  }, [create.isSuccess]);

  const copyLink = async (url: string) => {
    try {
      if (!navigator.clipboard) throw new Error('No clipboard here');
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      // Not allowed (an iframe without permission, an old browser): make copying by hand easy.
      setCopy('failed');
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  };

  return (
    <section aria-labelledby={headingId} className="invite">
      <h2 id={headingId}>Bring someone along</h2>
      {create.data ? (
        <>
          <div className="field">
            <label className="field-label" htmlFor={fieldId}>
              Guest link
            </label>
            <p id={`${fieldId}-hint`} className="field-hint">
              Anyone with this link can join your visit as a guest. Share it only with people you trust.
            </p>
            <input
              ref={inputRef}
              id={fieldId}
              type="text"
              readOnly
              value={create.data.url}
              aria-describedby={`${fieldId}-hint`}
              onFocus={(event) => event.currentTarget.select()}
            />
          </div>
          <div className="actions">
            <Button variant="secondary" onClick={() => void copyLink(create.data.url)}>
              Copy link
            </Button>
          </div>
          <p role="status" className="invite-status">
            {COPY_MESSAGES[copy]}
          </p>
        </>
      ) : (
        <>
          <p>A family member, carer or interpreter can join your video visit from their own device.</p>
          {create.isError ? (
            <Alert title="We could not make a guest link">
              <p>{create.error.message}</p>
            </Alert>
          ) : null}
          <div className="actions">
            <Button variant="secondary" busy={create.isPending} onClick={() => create.mutate()}>
              Invite someone to join
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
