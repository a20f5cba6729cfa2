import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemandForecast } from '../../../shared/schemas/index.js';
import { EChart } from '../../components/EChart';
import './labels';

/**
 * History, forecast and the 80% / 95% bands. Each band is drawn as a stacked pair: an invisible
 * lower edge and a filled width on top of it (ECharts has no native band series).
 */
export function ForecastChart({ f }: { f: DemandForecast }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const months = [...f.months, ...f.forecastMonths];
    const pad = (xs: (number | null)[]) => [...f.months.map(() => null), ...xs];
    const round = (v: number) => Math.round(v * 10) / 10;
    const lastHistory = f.history.length ? f.history[f.history.length - 1] : null;
    // The forecast line starts at the last actual month so the two lines join.
    const forecastLine = [...f.months.map((_, i) => (i === f.months.length - 1 ? lastHistory : null)), ...f.forecast.map(round)];
    const band = (name: string, lower: number[], upper: number[], color: string, stack: string) => [
      { name, type: 'line', stack, data: pad(lower.map(round)), lineStyle: { opacity: 0 }, symbol: 'none', itemStyle: { color }, areaStyle: { opacity: 0 }, tooltip: { show: false } },
      { name, type: 'line', stack, data: pad(upper.map((u, i) => round(u - lower[i]))), lineStyle: { opacity: 0 }, symbol: 'none', itemStyle: { color }, areaStyle: { color, opacity: 1 } },
    ];
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: { axisIndex: number; dataIndex: number }[]) => {
          const i = params[0]?.dataIndex ?? 0;
          const month = months[i];
          if (i < f.months.length) return `${month}<br/>${t('inventory.forecast.actual')}: ${f.history[i]}`;
          const h = i - f.months.length;
          return [
            month,
            `${t('inventory.forecast.point')}: ${round(f.forecast[h])}`,
            `80%: ${round(f.lower80[h])} ~ ${round(f.upper80[h])}`,
            `95%: ${round(f.lower95[h])} ~ ${round(f.upper95[h])}`,
          ].join('<br/>');
        },
      },
      legend: { data: [t('inventory.forecast.actual'), t('inventory.forecast.point'), t('inventory.forecast.band95'), t('inventory.forecast.band80')], top: 0 },
      grid: { left: 48, right: 24, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: months, boundaryGap: false },
      yAxis: { type: 'value', min: 0 },
      series: [
        ...band(t('inventory.forecast.band95'), f.lower95, f.upper95, 'rgba(22,119,255,0.12)', 'b95'),
        ...band(t('inventory.forecast.band80'), f.lower80, f.upper80, 'rgba(22,119,255,0.25)', 'b80'),
        {
          name: t('inventory.forecast.actual'),
          type: 'line',
          data: [...f.history, ...f.forecastMonths.map(() => null)],
          symbolSize: 5,
          lineStyle: { width: 2, color: '#262626' },
          itemStyle: { color: '#262626' },
        },
        { name: t('inventory.forecast.point'), type: 'line', data: forecastLine, symbolSize: 5, lineStyle: { width: 2, type: 'dashed', color: '#1677ff' }, itemStyle: { color: '#1677ff' } },
      ],
    };
  }, [f, t]);
  return <EChart option={option} height={380} testId="forecast-chart" />;
}
