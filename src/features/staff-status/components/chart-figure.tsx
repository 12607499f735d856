import { useEffect, useId, useRef } from 'react';
import { format, useI18n } from '../../../lib/i18n/language';

export interface Series {
  label: string;
  values: number[];
}

interface ChartFigureProps {
  title: string;
  /** What each bar is (a day, an outcome, a bucket); the table's row headers. */
  categories: string[];
  /** The table's first column header. */
  categoryHeader: string;
  series: Series[];
  horizontal?: boolean;
  stacked?: boolean;
}

// Distinct for colour-blind readers (Okabe–Ito), each ≥ 3:1 against white.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56564f'];

type ChartInstance = { data: { labels?: unknown[]; datasets: { data: unknown[] }[] }; update(mode?: 'none'): void; destroy(): void };

/**
 * One bar chart and, under it, the same numbers as a table (the chart's accessible alternative).
 * Chart.js (canvas) loads the first time a chart is drawn: it is not in any page's first download.
 */
export function ChartFigure({ title, categories, categoryHeader, series, horizontal = false, stacked = false }: ChartFigureProps) {
  const t = useI18n().t.staffStatus;
  const captionId = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartInstance | null>(null);

  useEffect(() => {
    let cancelled = false;
    const el = canvas.current;
    if (!el) return;
    const data = {
      labels: categories,
      datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: COLOURS[i % COLOURS.length] })),
    };
    // What Chart.js holds, read back from it: lets a test compare the drawn chart with the table.
    const record = (c: ChartInstance) => {
      el.dataset.chartLabels = JSON.stringify(c.data.labels);
      el.dataset.chartValues = JSON.stringify(c.data.datasets.map((d) => d.data));
    };
    if (chart.current) {
      chart.current.data.labels = data.labels;
      chart.current.data.datasets = data.datasets;
      chart.current.update('none');
      record(chart.current);
      return;
    }
    void import('./chart-js').then(({ Chart }) => {
      if (cancelled || chart.current) return;
      const c = new Chart(el, {
        type: 'bar',
        data,
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          indexAxis: horizontal ? 'y' : 'x',
          scales: {
            x: { stacked, ...(horizontal ? { beginAtZero: true, ticks: { precision: 0 } } : {}) },
            y: { stacked, ...(horizontal ? {} : { beginAtZero: true, ticks: { precision: 0 } }) },
          },
          plugins: { legend: { display: series.length > 1, position: 'bottom' } },
        },
      });
      chart.current = c as unknown as ChartInstance;
      record(chart.current);
    });
    return () => {
      cancelled = true;
    };
  }, [categories, series, horizontal, stacked]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );

  return (
    <figure className="status-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="status-chart-title">
        {title}
      </figcaption>
      <div className={horizontal ? 'status-chart-box status-chart-box-wide' : 'status-chart-box'}>
        <canvas ref={canvas} role="img" aria-label={format(t.chartNote, { title })} />
      </div>
      <details className="status-table">
        <summary>{format(t.showTable, { title })}</summary>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryHeader}</th>
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((cat, row) => (
              <tr key={cat}>
                <th scope="row">{cat}</th>
                {series.map((s) => (
                  <td key={s.label}>{s.values[row]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
