/**
 * "Check camera and microphone": before the visit the patient sees their own camera (a muted
 * preview) and a microphone level, and hears why when it does not work. Nothing is recorded or
 * sent anywhere, and nothing is played: the microphone feeds only a level meter, never the
 * speakers. Everything stops with "Stop check" or when the page goes. Shared by the visit page
 * and the waiting room.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Messages } from '../lib/i18n/en';
import { useI18n } from '../lib/i18n/language';
import { Alert } from './alert';
import { Button } from './button';

type Problem = 'denied' | 'no-device' | 'in-use' | 'unsupported' | 'other';

type CheckState =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'running'; stream: MediaStream }
  | { kind: 'stopped' }
  | { kind: 'failed'; problem: Problem };

function problemOf(error: unknown): Problem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-device';
    case 'NotReadableError':
    case 'TrackStartError':
      return 'in-use';
    default:
      return 'other';
  }
}

function problemText(problem: Problem, t: Messages['deviceCheck']): { title: string; body: string[] } {
  switch (problem) {
    case 'denied':
      return { title: t.deniedTitle, body: [t.deniedBody, t.deniedDevice] };
    case 'no-device':
      return { title: t.noDeviceTitle, body: [t.noDeviceBody] };
    case 'in-use':
      return { title: t.inUseTitle, body: [t.inUseBody] };
    case 'unsupported':
      return { title: t.unsupportedTitle, body: [t.unsupportedBody] };
    case 'other':
      return { title: t.otherTitle, body: [t.otherBody] };
  }
}

type AudioContextClass = typeof AudioContext;

/** The microphone's loudness, 0–1, written straight to the meter (no re-render per frame). */
function startLevelMeter(stream: MediaStream, meter: HTMLMeterElement): (() => void) | null {
  const Context: AudioContextClass | undefined =
    window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Context || stream.getAudioTracks().length === 0) return null;
  let context: AudioContext;
  try {
    context = new Context();
  } catch {
    return null;
  }
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  // Into the analyser only, never context.destination: the patient must not hear themselves.
  source.connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  let frame = 0;
  const tick = () => {
    analyser.getByteTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += ((sample - 128) / 128) ** 2;
    meter.value = Math.min(1, Math.sqrt(sum / samples.length) * 4);
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  // Made after an await, the context may start suspended.
  void context.resume().catch(() => {});
  return () => {
    cancelAnimationFrame(frame);
    source.disconnect();
    void context.close().catch(() => {});
  };
}

function stopStream(stream: MediaStream) {
  for (const track of stream.getTracks()) track.stop();
}

function hasAudioContext(): boolean {
  return typeof window.AudioContext === 'function' || 'webkitAudioContext' in window;
}

export function DeviceCheck() {
  const headingId = useId();
  const meterId = useId();
  const [state, setState] = useState<CheckState>({ kind: 'idle' });
  const t = useI18n().t.deviceCheck;
  const videoRef = useRef<HTMLVideoElement>(null);
  const meterRef = useRef<HTMLMeterElement>(null);
  // Each press is an attempt; a stream that arrives for an old attempt (or after the page left) is stopped at once.
  const attempt = useRef(0);

  const running = state.kind === 'running' ? state.stream : null;
  const showMeter = running !== null && running.getAudioTracks().length > 0 && hasAudioContext();

  // The preview and the meter live as long as the stream; "Stop check" or leaving the page ends all three.
  useEffect(() => {
    if (!running) return;
    const video = videoRef.current;
    if (video) video.srcObject = running;
    const stopMeter = meterRef.current ? startLevelMeter(running, meterRef.current) : null;
    return () => {
      stopMeter?.();
      if (video) video.srcObject = null;
      stopStream(running);
    };
  }, [running]);

  useEffect(
    () => () => {
      attempt.current += 1;
    },
    [],
  );

  const start = async () => {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media || typeof media.getUserMedia !== 'function') {
      setState({ kind: 'failed', problem: 'unsupported' });
      return;
    }
    attempt.current += 1;
    const mine = attempt.current;
    setState({ kind: 'starting' });
    try {
      const stream = await media.getUserMedia({ video: true, audio: true });
      if (mine !== attempt.current) {
        stopStream(stream);
        return;
      }
      setState({ kind: 'running', stream });
    } catch (error) {
      if (mine === attempt.current) setState({ kind: 'failed', problem: problemOf(error) });
    }
  };

  const stop = () => {
    attempt.current += 1;
    setState({ kind: 'stopped' });
  };

  const status =
    state.kind === 'starting'
      ? t.starting
      : state.kind === 'running'
        ? t.running
        : state.kind === 'stopped'
          ? t.stopped
          : '';
  const problem = state.kind === 'failed' ? problemText(state.problem, t) : null;

  return (
    <section aria-labelledby={headingId} className="device-check">
      <h2 id={headingId}>{t.heading}</h2>
      <p>{t.intro}</p>
      <p role="status" className="device-check-status">
        {status}
      </p>
      {problem ? (
        <Alert title={problem.title}>
          {problem.body.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Alert>
      ) : null}

      {running ? (
        <div className="device-preview">
          {/* Muted and silent: autoplay shows the picture without playing any sound. */}
          <video ref={videoRef} className="device-video" autoPlay muted playsInline aria-label={t.preview} />
          {showMeter ? (
            <div className="field device-meter">
              <label className="field-label" htmlFor={meterId}>
                {t.meter}
              </label>
              <p className="field-hint" id={`${meterId}-hint`}>
                {t.meterHint}
              </p>
              <meter ref={meterRef} id={meterId} min={0} max={1} value={0} aria-describedby={`${meterId}-hint`} />
            </div>
          ) : null}
        </div>
      ) : null}

      {/* One button in one place that changes its words, so keyboard focus stays on it. */}
      <div className="actions">
        {running ? (
          <Button variant="secondary" onClick={stop}>
            {t.stop}
          </Button>
        ) : (
          <Button variant="secondary" busy={state.kind === 'starting'} onClick={() => void start()}>
            {t.check}
          </Button>
        )}
      </div>
    </section>
  );
}
