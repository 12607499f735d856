/**
 * Where the patient is in booking: an ordered list of the steps, the current one marked with
 * aria-current="step". On a phone only the current step keeps its name on screen (the others
 * keep theirs for screen readers), so the row stays one line.
 */
import { usePaymentStepShown, type BookingKind } from '../lib/booking-flow';
import { useI18n } from '../lib/i18n/language';

/** Each step's key is also its name's key in the catalogue (`steps`). */
const STEPS = {
  // Times first (issue 11): the payment step, when the clinic asks one, follows the details given on the review.
  appointment: [{ key: 'details' }, { key: 'time' }, { key: 'payment' }, { key: 'review' }, { key: 'done' }],
  walkin: [{ key: 'details' }, { key: 'payment' }, { key: 'waiting' }],
  econsult: [{ key: 'details' }, { key: 'payment' }, { key: 'sent' }],
} as const;
type Step = (typeof STEPS)[BookingKind][number];

type StepKey<K extends BookingKind> = (typeof STEPS)[K][number]['key'];

export function BookingSteps<K extends BookingKind>({ kind, current }: { kind: K; current: StepKey<K> }) {
  const { t } = useI18n();
  // The payment step is named only once this booking has shown it: a clinic that neither lists
  // insurers nor charges has none, and we learn which only after sign-in.
  const withPayment = usePaymentStepShown() || current === 'payment';
  const steps: readonly Step[] = STEPS[kind].filter((step: Step) => withPayment || step.key !== 'payment');
  const currentIndex = steps.findIndex((step) => step.key === current);
  return (
    <nav aria-label={t.steps.label} className="steps">
      <ol className="steps-list">
        {steps.map((step, index) => {
          const state = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'todo';
          return (
            <li key={step.key} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="step-marker" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span className="step-label">{t.steps[step.key]}</span>
              {state === 'done' ? <span className="visually-hidden"> {t.common.completedStep}</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
