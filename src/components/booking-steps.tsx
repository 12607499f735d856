/**
 * Where the patient is in booking: an ordered list of the steps, the current one marked with
 * aria-current="step". On a phone only the current step keeps its name on screen (the others
 * keep theirs for screen readers), so the row stays one line.
 */
import type { BookingKind } from '../lib/booking-flow';

const STEPS = {
  appointment: [
    { key: 'details', label: 'Details' },
    { key: 'time', label: 'Time' },
    { key: 'review', label: 'Review' },
    { key: 'done', label: 'Done' },
  ],
  walkin: [
    { key: 'details', label: 'Details' },
    { key: 'waiting', label: 'Waiting room' },
  ],
  econsult: [
    { key: 'details', label: 'Details' },
    { key: 'sent', label: 'Sent' },
  ],
} as const;

type StepKey<K extends BookingKind> = (typeof STEPS)[K][number]['key'];

export function BookingSteps<K extends BookingKind>({ kind, current }: { kind: K; current: StepKey<K> }) {
  const steps: readonly { key: string; label: string }[] = STEPS[kind];
  const currentIndex = steps.findIndex((step) => step.key === current);
  return (
    <nav aria-label="Booking steps" className="steps">
      <ol className="steps-list">
        {steps.map((step, index) => {
          const state = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'todo';
          return (
            <li key={step.key} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="step-marker" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span className="step-label">{step.label}</span>
              {state === 'done' ? <span className="visually-hidden"> (completed)</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
