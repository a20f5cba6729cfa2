// <EChart>: a chart that loads ECharts (EChartCanvas.tsx) on first use and holds its place with a
// skeleton of the same height meanwhile, so the page around it draws without waiting for it.
import { lazy, Suspense } from 'react';
import { Skeleton } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';

export type EChartOption = EChartsCoreOption;

export interface EChartProps {
  option: EChartOption;
  height?: number;
  testId?: string;
}

const EChartCanvas = lazy(() => import('./EChartCanvas'));

export function EChart(props: EChartProps) {
  const height = props.height ?? 260;
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
      <EChartCanvas {...props} />
    </Suspense>
  );
}
