// The ECharts canvas behind <EChart> (components/EChart.tsx), loaded only when a page draws a
// chart: ECharts is about 180 KiB compressed, so it must not boot with the app or a dealer's home.
// Every chart and component type the app uses is registered here, once.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartProps } from './EChart';

echarts.use([BarChart, PieChart, LineChart, RadarChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, RadarComponent, MarkLineComponent, VisualMapComponent, CanvasRenderer]);

/** A small ECharts wrapper that resizes with its box. */
export default function EChartCanvas({ option, height = 260, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}
