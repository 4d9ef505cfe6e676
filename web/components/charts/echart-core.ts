import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * ECharts without the rest of ECharts: only the four chart types, the grid, tooltip and legend,
 * and the canvas renderer are registered. Loaded apart from the dashboard page (see echart.tsx),
 * so the filters and KPI cards show while the charting code is still on its way.
 */
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
>;
export type ChartInstance = echarts.ECharts;

export const initChart = (el: HTMLDivElement): ChartInstance =>
  echarts.init(el, null, { renderer: 'canvas' });
