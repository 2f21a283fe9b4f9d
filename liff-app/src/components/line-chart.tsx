import 'chartist/dist/index.css';
import './line-chart.css';
// @ts-expect-error Chartist's declarations cannot be followed under nodenext (see below); the import is sound.
import { LineChart as ChartistLine } from 'chartist';
import { useEffect, useRef } from 'react';
import { locale } from '../lib/i18n.ts';

/**
 * Chartist's declarations re-export their files without extensions, which TypeScript's nodenext resolution cannot
 * follow (every name comes out missing): the one constructor used is typed here, after Chartist 1.5's LineChart.
 */
const Chartist = ChartistLine as new (
  element: Element,
  data: { labels: string[]; series: { name: string; data: number[] }[] },
  options: Record<string, unknown>,
) => { detach(): void };

export interface ChartLine {
  name: string;
  data: number[];
}

/** Labels at most every ~64 px, so a year of days stays readable on a phone. */
const LABEL_PX = 64;
/** Past a month of days the dots are a smear: the line alone. */
const MOST_POINTS = 31;

/**
 * Lines over days (Chartist, SVG: ADR 31), the first in the brand's green, the second grey, the third amber, with
 * a legend under them. Every chart module imports this one, lazily, so the library loads with a chart and never
 * with a page's entry; the drawing is hidden from screen readers, which read the table each page puts beside it.
 */
export default function LineChart({
  labels,
  lines,
  area = false,
  height = 240,
}: {
  labels: string[];
  lines: ChartLine[];
  /** Shade under the lines (one series of amounts reads better filled). */
  area?: boolean;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // Asked at each drawing: Chartist draws again at the width the box has after a resize.
    const every = () => Math.max(1, Math.ceil(labels.length / Math.max(2, element.clientWidth / LABEL_PX)));
    const compact = new Intl.NumberFormat(locale.get(), { notation: 'compact', maximumFractionDigits: 1 });
    const chart = new Chartist(
      element,
      { labels, series: lines },
      {
        height: `${height}px`,
        fullWidth: true,
        low: 0,
        showArea: area,
        showPoint: labels.length <= MOST_POINTS,
        // Room on the right for the last day's label, which Chartist starts at its tick.
        chartPadding: { right: 36 },
        axisX: { labelInterpolationFnc: (label: string, i: number) => (i % every() === 0 ? label : null) },
        axisY: { onlyInteger: true, labelInterpolationFnc: (value: number) => compact.format(value) },
      },
    );
    return () => chart.detach();
  }, [labels, lines, area, height]);
  return (
    <>
      <div ref={box} className="line-chart" aria-hidden="true" />
      <p className="line-chart-legend" aria-hidden="true">
        {lines.map((line, i) => (
          <span key={line.name} className={`line-${i}`}>
            {line.name}
          </span>
        ))}
      </p>
    </>
  );
}
