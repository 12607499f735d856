/**
 * "Check camera and microphone": before the visit the patient sees their own camera (a muted
 * preview) and a microphone level, and hears why when it does not work. Nothing is recorded or
 * sent anywhere, and nothing is played: the microphone feeds only a level meter, never the
 * speakers. Everything stops with "Stop check" or when the page goes. Shared by the visit page
 * and the waiting room.
 */
import { useEffect, useId, useRef, useState } from 'react';
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

const PROBLEMS: Record<Problem, { title: string; body: string[] }> = {
  denied: {
    title: 'Your browser is blocking the camera or microphone',
    body: [
      'To allow them, select the icon next to the web address (often a lock or a camera), set Camera and Microphone to Allow, then press Check camera and microphone again.',
      'On a phone or tablet, also check in the device’s settings that your browser may use the camera and microphone.',
    ],
  },
  'no-device': {
    title: 'We could not find a camera or microphone',
    body: [
      'Connect a camera and a microphone, or use a phone, tablet or computer that has them. Then press Check camera and microphone again.',
    ],
  },
  'in-use': {
    title: 'Your camera or microphone is busy',
    body: ['Another app may be using it, such as another video call. Close that app, then press Check camera and microphone again.'],
  },
  unsupported: {
    title: 'This browser cannot check your camera',
    body: ['Try a current version of Chrome, Edge, Firefox or Safari.'],
  },
  other: {
    title: 'The check did not work',
    body: ['Please press Check camera and microphone to try again.'],
  },
};

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
      ? 'Starting your camera and microphone… Your browser may ask you to allow them.'
      : state.kind === 'running'
        ? 'Your camera and microphone are on. You should see yourself below.'
        : state.kind === 'stopped'
          ? 'The check has stopped. Your camera and microphone are off.'
          : '';
  const problem = state.kind === 'failed' ? PROBLEMS[state.problem] : null;

  return (
    <section aria-labelledby={headingId} className="device-check">
      <h2 id={headingId}>Check your camera and microphone</h2>
      <p>See that your camera and microphone work before your visit. Nothing is recorded or sent.</p>
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
          <video ref={videoRef} className="device-video" autoPlay muted playsInline aria-label="Your camera preview" />
          {showMeter ? (
            <div className="field device-meter">
              <label className="field-label" htmlFor={meterId}>
                Microphone level
              </label>
              <p className="field-hint" id={`${meterId}-hint`}>
                Say something: the bar moves when your microphone hears you.
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
            Stop check
          </Button>
        ) : (
          <Button variant="secondary" busy={state.kind === 'starting'} onClick={() => void start()}>
            Check camera and microphone
          </Button>
        )}
      </div>
    </section>
  );
}
