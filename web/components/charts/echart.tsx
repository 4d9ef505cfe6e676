import { useEffect, useRef } from 'react';
import type { ChartInstance, ChartOption } from './echart-core';

export type { ChartOption } from './echart-core';

/** What a click on a bar, point or slice tells us. */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  name: string;
}

export interface EChartProps {
  option: ChartOption;
  height: number;
  /** What the chart shows, for screen readers (the figures under it carry the same numbers). */
  label: string;
  onClick?: (click: ChartClick) => void;
}

/** The platform's red first, then colours that stay apart from it and from each other. */
export const CHART_COLORS = [
  '#c8102e',
  '#1677ff',
  '#fa8c16',
  '#52c41a',
  '#722ed1',
  '#13c2c2',
  '#eb2f96',
  '#8c8c8c',
];

// The charting code is its own chunk, asked for as soon as this module runs (with the page).
let core: Promise<typeof import('./echart-core')> | undefined;
const loadCore = () => (core ??= import('./echart-core'));
void loadCore().catch(() => {
  // A failed chunk load is retried by the first chart that mounts.
  core = undefined;
});

const withColors = (option: ChartOption): ChartOption => ({ color: CHART_COLORS, ...option });

/** init on a div, setOption on every change, resize with the box, dispose on unmount. */
export function EChart({ option, height, label, onClick }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const latest = useRef(option);
  const clicked = useRef(onClick);

  useEffect(() => {
    clicked.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let gone = false;
    let frame = 0;
    let observer: ResizeObserver | undefined;
    void loadCore().then(({ initChart }) => {
      if (gone) return;
      const instance = initChart(el);
      chart.current = instance;
      instance.setOption(withColors(latest.current), { notMerge: true });
      instance.on('click', (params) => {
        const p = params as { seriesIndex?: number; dataIndex?: number; name?: string };
        clicked.current?.({
          seriesIndex: p.seriesIndex ?? 0,
          dataIndex: p.dataIndex ?? 0,
          name: p.name ?? '',
        });
      });
      // A frame later, so a resize that follows a layout change sees the new width.
      observer = new ResizeObserver(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          if (!instance.isDisposed()) instance.resize();
        });
      });
      observer.observe(el);
    });
    return () => {
      gone = true;
      cancelAnimationFrame(frame);
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    latest.current = option;
    chart.current?.setOption(withColors(option), { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      className={onClick ? 'uc-echart uc-echart-clickable' : 'uc-echart'}
      style={{ height }}
      role="img"
      aria-label={label}
    />
  );
}
