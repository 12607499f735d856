/**
 * "Invite someone to join": asks the proxy for the visit's guest link and helps the patient pass
 * it on. Shared by the visit page (upcoming appointment) and the waiting room (walk-in).
 */
import { ErrorReference } from './error-reference';
import { useEffect, useId, useRef, useState } from 'react';
import { useCreateInvite } from '../api/queries/invite';
import { errorText } from '../lib/i18n/error-text';
import { useI18n } from '../lib/i18n/language';
import { Alert } from './alert';
import { Button } from './button';

type CopyState = 'idle' | 'copied' | 'failed';

export function InviteGuest({ visitId }: { visitId: string }) {
  const headingId = useId();
  const fieldId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const i18n = useI18n();
  const { t } = i18n;
  const create = useCreateInvite(visitId);

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
      <h2 id={headingId}>{t.invite.heading}</h2>
      {create.data ? (
        <>
          <div className="field">
            <label className="field-label" htmlFor={fieldId}>
              {t.invite.linkLabel}
            </label>
            <p id={`${fieldId}-hint`} className="field-hint">
              {t.invite.linkHint}
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
              {t.invite.copy}
            </Button>
          </div>
          <p role="status" className="invite-status">
            {copy === 'copied' ? t.invite.copied : copy === 'failed' ? t.invite.copyFailed : ''}
          </p>
        </>
      ) : (
        <>
          <p>{t.invite.intro}</p>
          {create.isError ? (
            <Alert title={t.invite.errorTitle}>
              <p>{errorText(create.error, i18n)}</p>
              <ErrorReference error={create.error} />
            </Alert>
          ) : null}
          <div className="actions">
            <Button variant="secondary" busy={create.isPending} onClick={() => create.mutate()}>
              {t.invite.button}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
