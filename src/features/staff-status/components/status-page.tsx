import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { AppLink } from '../../../components/app-link';
import {
  BOOKING_KINDS,
  BOOKING_OUTCOMES,
  FUNNEL_STEPS,
  LATENCY_BOUNDS,
  VENDOR_OUTCOMES,
  WAIT_BOUNDS,
  type StaffStatus,
} from '../../../api/staff-status';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { errorText } from '../../../lib/i18n/error-text';
import { format, useI18n } from '../../../lib/i18n/language';
import { staffStatusQueries } from '../../../api/queries/staff-status';
import { paths } from '../../../lib/paths';
import { ChartFigure } from './chart-figure';

/** The smallest bucket bound under which `q` of the counts fall; null: no counts, Infinity: beyond the last bound. */
export function quantile(counts: number[], bounds: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return null;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= q * total) return i < bounds.length ? bounds[i]! : Number.POSITIVE_INFINITY;
  }
  return Number.POSITIVE_INFINITY;
}

function TokenForm({ refused, onToken }: { refused: boolean; onToken: (token: string) => void }) {
  const t = useI18n().t.staffStatus;
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) onToken(value.trim());
  };
  return (
    <form className="status-token" onSubmit={submit} noValidate>
      <p>{t.tokenHelp}</p>
      {refused ? (
        <Alert>
          <p>{t.tokenRefused}</p>
        </Alert>
      ) : null}
      <div className="field">
        <label htmlFor="admin-token" className="field-label">{t.tokenLabel}</label>
        <input id="admin-token" type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
      </div>
      <Button type="submit">{t.tokenSubmit}</Button>
    </form>
  );
}

function StatusReport({ data }: { data: StaffStatus }) {
  const { t: all, locale } = useI18n();
  const t = all.staffStatus;
  const today = t.today;
  const week = t.week;

  const report = useMemo(() => {
    const dayName = new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
    const bucketNames = (bounds: readonly number[], unit: string) => [
      ...bounds.map((b) => format(t.upTo, { value: format(unit, { n: b.toLocaleString(locale) }) })),
      format(t.over, { value: format(unit, { n: bounds[bounds.length - 1]!.toLocaleString(locale) }) }),
    ];
    const booked = (p: StaffStatus['today']) => BOOKING_KINDS.reduce((n, k) => n + p.bookings[k].booked + p.bookings[k].recovered, 0);
    // The step after which most patients stopped, over the week.
    const f = data.week.funnel;
    let drop: { from: string; to: string; count: number } | null = null;
    for (let i = 0; i + 1 < FUNNEL_STEPS.length; i++) {
      const lost = f[FUNNEL_STEPS[i]!] - f[FUNNEL_STEPS[i + 1]!];
      if (lost > 0 && (!drop || lost > drop.count)) drop = { from: t.steps[FUNNEL_STEPS[i]!], to: t.steps[FUNNEL_STEPS[i + 1]!], count: lost };
    }
    const time = (v: number | null, unit: string) =>
      v === null ? null : v === Number.POSITIVE_INFINITY ? format(t.over, { value: format(unit, { n: LATENCY_BOUNDS.at(-1)! }) }) : format(unit, { n: v.toLocaleString(locale) });
    return {
      bookedToday: booked(data.today),
      bookedWeek: booked(data.week),
      days: data.bookedByDay.map((d) => dayName.format(new Date(`${d.day}T12:00:00Z`))),
      latencyBuckets: bucketNames(LATENCY_BOUNDS, t.seconds),
      waitBuckets: bucketNames(WAIT_BOUNDS, t.minutes),
      drop,
      p50: time(quantile(data.week.vendorLatency, LATENCY_BOUNDS, 0.5), t.seconds),
      p95: time(quantile(data.week.vendorLatency, LATENCY_BOUNDS, 0.95), t.seconds),
      waitP50: (() => {
        const w = quantile(data.week.queueWaits, WAIT_BOUNDS, 0.5);
        return w === null ? null : w === Number.POSITIVE_INFINITY ? format(t.over, { value: format(t.minutes, { n: WAIT_BOUNDS.at(-1)! }) }) : format(t.minutes, { n: w });
      })(),
    };
  }, [data, locale, t]);

  const kinds = BOOKING_KINDS.map((k) => t.kinds[k]);
  const vendorCalls = VENDOR_OUTCOMES.reduce((n, o) => n + data.week.vendor[o], 0);

  return (
    <>
      <p className="status-updated">{format(t.updated, { time: new Date(data.generatedAt).toLocaleTimeString(locale) })}</p>

      <section aria-labelledby="status-bookings" className="status-section">
        <h2 id="status-bookings">{t.bookingsHeading}</h2>
        <ul className="status-figures">
          <li>{format(t.bookedToday, { count: report.bookedToday })}</li>
          <li>{format(t.bookedWeek, { count: report.bookedWeek })}</li>
        </ul>
        <ChartFigure
          title={t.bookedByDay}
          categoryHeader={t.day}
          categories={report.days}
          stacked
          series={BOOKING_KINDS.map((k, i) => ({ label: kinds[i]!, values: data.bookedByDay.map((d) => d[k]) }))}
        />
        <ChartFigure
          title={t.outcomesByKind}
          categoryHeader={t.outcome}
          categories={BOOKING_OUTCOMES.map((o) => t.outcomes[o])}
          series={BOOKING_KINDS.map((k, i) => ({ label: kinds[i]!, values: BOOKING_OUTCOMES.map((o) => data.week.bookings[k][o]) }))}
        />
      </section>

      <section aria-labelledby="status-funnel" className="status-section">
        <h2 id="status-funnel">{t.funnelHeading}</h2>
        <p>{report.drop ? format(t.dropOff, report.drop) : t.noDropOff}</p>
        <ChartFigure
          title={t.funnelChart}
          categoryHeader={t.step}
          categories={FUNNEL_STEPS.map((s) => t.steps[s])}
          horizontal
          series={[
            { label: today, values: FUNNEL_STEPS.map((s) => data.today.funnel[s]) },
            { label: week, values: FUNNEL_STEPS.map((s) => data.week.funnel[s]) },
          ]}
        />
      </section>

      <section aria-labelledby="status-vendor" className="status-section">
        <h2 id="status-vendor">{t.vendorHeading}</h2>
        <p>{vendorCalls && report.p50 && report.p95 ? format(t.latencySummary, { p50: report.p50, p95: report.p95 }) : t.noCalls}</p>
        <ChartFigure
          title={t.vendorOutcomes}
          categoryHeader={t.outcome}
          categories={VENDOR_OUTCOMES.map((o) => t.vendorOutcomeNames[o])}
          series={[
            { label: today, values: VENDOR_OUTCOMES.map((o) => data.today.vendor[o]) },
            { label: week, values: VENDOR_OUTCOMES.map((o) => data.week.vendor[o]) },
          ]}
        />
        <ChartFigure
          title={t.vendorLatency}
          categoryHeader={t.duration}
          categories={report.latencyBuckets}
          series={[
            { label: today, values: data.today.vendorLatency },
            { label: week, values: data.week.vendorLatency },
          ]}
        />
      </section>

      <section aria-labelledby="status-waits" className="status-section">
        <h2 id="status-waits">{t.waitsHeading}</h2>
        <p>{report.waitP50 ? format(t.waitSummary, { p50: report.waitP50 }) : t.noWaits}</p>
        <ChartFigure
          title={t.waitsChart}
          categoryHeader={t.duration}
          categories={report.waitBuckets}
          series={[
            { label: today, values: data.today.queueWaits },
            { label: week, values: data.week.queueWaits },
          ]}
        />
      </section>
    </>
  );
}

/** /staff/status: how booking is going, for the clinic's staff and IT. Counts only, no patients. */
export function StaffStatusPage() {
  const i18n = useI18n();
  const t = i18n.t.staffStatus;
  const [token, setToken] = useState<{ value: string; attempt: number } | null>(null);
  const query = useQuery(staffStatusQueries.counters(token?.value ?? null, token?.attempt));

  return (
    <div className="status-page">
      <PageHeading>{t.heading}</PageHeading>
      {/* Opened by a provider's session (not a typed token): the way back to their page, also inside an embed. */}
      {query.data && !token ? (
        <p>
          <AppLink to={paths.staff}>{t.backToStaff}</AppLink>
        </p>
      ) : null}
      <p>{t.intro}</p>
      {query.data ? (
        <StatusReport data={query.data} />
      ) : query.data === null ? (
        <TokenForm refused={token !== null} onToken={(value) => setToken({ value, attempt: (token?.attempt ?? 0) + 1 })} />
      ) : query.error ? (
        <ErrorState message={errorText(query.error, i18n)} error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : (
        <Spinner label={i18n.t.common.loading} />
      )}
    </div>
  );
}
