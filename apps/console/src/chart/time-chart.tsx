import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartLine {
  label: string;
  values: (number | null)[];
  /** Dashed lines tell a counterpart from the figure itself without relying on colour. */
  dashed?: boolean;
  color: string;
  /** Which y axis: the left one (counts) or the right one (milliseconds). */
  axis?: 'left' | 'right';
}

/** The transactions of each bucket, drawn the same in every chart of the page. */
export function transactionsLine(buckets: readonly { transactions: number }[]): ChartLine {
  return { label: 'Transactions', values: buckets.map((b) => b.transactions), color: '#0b5cad' };
}

interface Props {
  caption: string;
  /** Instants of the points, epoch milliseconds. */
  times: number[];
  lines: ChartLine[];
  /** IANA zone the time axis is read in; the browser's own when absent. */
  timezone?: string;
  leftLabel: string;
  rightLabel?: string;
  /** The same figures as a table, for screen readers and for reading exact values. */
  children: ComponentChildren;
}

/** A time chart (uPlot, drawn on canvas) with its figures as a table beside it. */
export function TimeChart({
  caption,
  times,
  lines,
  timezone,
  leftLabel,
  rightLabel,
  children,
}: Props) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (element === null || times.length === 0) return;
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 280),
        height: 220,
        ...(timezone === undefined
          ? {}
          : { tzDate: (seconds: number) => uPlot.tzDate(new Date(seconds * 1000), timezone) }),
        cursor: { drag: { x: false, y: false } },
        legend: { live: true },
        scales: { x: { time: true } },
        axes: [
          { stroke: '#1f2933' },
          { label: leftLabel, stroke: '#1f2933', size: 64 },
          ...(rightLabel === undefined
            ? []
            : [
                {
                  label: rightLabel,
                  stroke: '#1f2933',
                  side: 1,
                  scale: 'ms',
                  size: 64,
                  grid: { show: false },
                },
              ]),
        ],
        series: [
          {},
          ...lines.map((line) => ({
            label: line.label,
            stroke: line.color,
            width: 2,
            ...(line.dashed === true ? { dash: [6, 4] } : {}),
            ...(line.axis === 'right' ? { scale: 'ms' } : {}),
            points: { show: times.length < 60 },
          })),
        ],
      },
      [times.map((ms) => ms / 1000), ...lines.map((line) => line.values)],
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(element.clientWidth, 280), height: 220 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [times, lines, timezone, leftLabel, rightLabel]);

  return (
    <figure class="chart">
      <figcaption>{caption}</figcaption>
      {times.length === 0 ? (
        <p class="muted">No figures to draw yet.</p>
      ) : (
        <div ref={host} class="chart-canvas" aria-hidden="true" />
      )}
      <details class="chart-table">
        <summary>Show the figures as a table</summary>
        {children}
      </details>
    </figure>
  );
}
