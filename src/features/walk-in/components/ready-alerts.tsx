/**
 * "When your provider is ready": the tab's title changes anyway; the patient may also ask for a
 * sound and a browser notification, for when they look away. Both are opt-in: the sound's audio is
 * unlocked by the tick (browsers play audio only after a gesture), and notification permission is
 * asked only when the patient ticks that box. Phones that can vibrate do, once.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n/language';

type AudioContextClass = typeof AudioContext;

function audioContextClass(): AudioContextClass | undefined {
  return window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
}

/** Two short tones, made by Web Audio: no sound file to fetch. */
function beep(context: AudioContext) {
  const start = context.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.3, 1175],
  ] as const) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.26);
  }
}

const notificationsSupported = () => typeof window.Notification === 'function';

export function ReadyAlerts({ ready }: { ready: boolean }) {
  const { t: all } = useI18n();
  const t = all.waitingRoom;
  const soundId = useId();
  const notifyId = useId();
  const [sound, setSound] = useState(false);
  const [notify, setNotify] = useState(false);
  const [notifyBlocked, setNotifyBlocked] = useState(false);
  const audio = useRef<AudioContext | null>(null);

  // Once, on the change to ready: not again on every re-render while ready.
  const wasReady = useRef(ready);
  useEffect(() => {
    if (!ready || wasReady.current) {
      wasReady.current = ready;
      return;
    }
    wasReady.current = true;
    if (typeof navigator.vibrate === 'function') navigator.vibrate([200, 100, 200]);
    if (sound && audio.current) beep(audio.current);
    if (notify && notificationsSupported() && Notification.permission === 'granted') {
      // No names, no details: lock screens show notifications to anyone nearby.
      new Notification(t.notifyTitle, { body: t.notifyBody, tag: 'frontdesk-ready' });
    }
  }, [ready, sound, notify, t]);

  useEffect(
    () => () => {
      void audio.current?.close().catch(() => {});
      audio.current = null;
    },
    [],
  );

  const toggleSound = (on: boolean) => {
    setSound(on);
    const Context = audioContextClass();
    if (on && Context && !audio.current) {
      try {
        audio.current = new Context();
      } catch {
        audio.current = null;
      }
    }
    // A short tone now: the patient hears what to listen for, and the audio is unlocked.
    if (on && audio.current) {
      void audio.current.resume().catch(() => {});
      beep(audio.current);
    }
  };

  const toggleNotify = async (on: boolean) => {
    setNotifyBlocked(false);
    if (!on) {
      setNotify(false);
      return;
    }
    setNotify(true);
    const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    if (permission !== 'granted') {
      setNotify(false);
      setNotifyBlocked(true);
    }
  };

  return (
    <fieldset className="fieldset ready-alerts">
      <legend>{t.alertsLegend}</legend>
      <p className="field-hint">{t.alertsHint}</p>
      <div className="checkbox-row">
        <input id={soundId} type="checkbox" checked={sound} onChange={(event) => toggleSound(event.target.checked)} />
        <label htmlFor={soundId}>{t.alertSound}</label>
      </div>
      {notificationsSupported() ? (
        <div className="checkbox-row">
          <input id={notifyId} type="checkbox" checked={notify} onChange={(event) => void toggleNotify(event.target.checked)} />
          <label htmlFor={notifyId}>{t.alertNotify}</label>
        </div>
      ) : null}
      <p role="status" className="ready-alerts-status">
        {notifyBlocked ? t.notifyBlocked : ''}
      </p>
    </fieldset>
  );
}
