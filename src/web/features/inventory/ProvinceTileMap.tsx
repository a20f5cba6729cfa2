import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthGroup } from '../../../shared/schemas/index.js';
import { EChart } from '../../components/EChart';
import './labels';

// No China GeoJSON ships offline, so provinces sit on a tile grid in roughly their geographic
// places (north at the top, west on the left); colour is the chosen measure.
const TILES: Record<string, [number, number, string, string]> = {
  '230000': [7, 0, '黑龙江', 'Heilongjiang'],
  '150000': [4, 1, '内蒙古', 'Inner Mongolia'],
  '110000': [5, 1, '北京', 'Beijing'],
  '210000': [6, 1, '辽宁', 'Liaoning'],
  '220000': [7, 1, '吉林', 'Jilin'],
  '650000': [1, 2, '新疆', 'Xinjiang'],
  '620000': [2, 2, '甘肃', 'Gansu'],
  '640000': [3, 2, '宁夏', 'Ningxia'],
  '140000': [4, 2, '山西', 'Shanxi'],
  '130000': [5, 2, '河北', 'Hebei'],
  '120000': [6, 2, '天津', 'Tianjin'],
  '540000': [1, 3, '西藏', 'Tibet'],
  '630000': [2, 3, '青海', 'Qinghai'],
  '610000': [3, 3, '陕西', 'Shaanxi'],
  '410000': [4, 3, '河南', 'Henan'],
  '370000': [5, 3, '山东', 'Shandong'],
  '510000': [2, 4, '四川', 'Sichuan'],
  '500000': [3, 4, '重庆', 'Chongqing'],
  '420000': [4, 4, '湖北', 'Hubei'],
  '340000': [5, 4, '安徽', 'Anhui'],
  '320000': [6, 4, '江苏', 'Jiangsu'],
  '530000': [2, 5, '云南', 'Yunnan'],
  '520000': [3, 5, '贵州', 'Guizhou'],
  '430000': [4, 5, '湖南', 'Hunan'],
  '360000': [5, 5, '江西', 'Jiangxi'],
  '330000': [6, 5, '浙江', 'Zhejiang'],
  '310000': [7, 5, '上海', 'Shanghai'],
  '450000': [3, 6, '广西', 'Guangxi'],
  '440000': [4, 6, '广东', 'Guangdong'],
  '350000': [5, 6, '福建', 'Fujian'],
  '710000': [6, 6, '台湾', 'Taiwan'],
  '460000': [3, 7, '海南', 'Hainan'],
  '820000': [4, 7, '澳门', 'Macao'],
  '810000': [5, 7, '香港', 'Hong Kong'],
};

/** A province's short name in the page language (null when the code is not a province). */
export const provinceLabel = (code: string, english: boolean): string | null => {
  const tile = TILES[code];
  return tile ? (english ? tile[3] : tile[2]) : null;
};

export type TileMeasure = 'alertShare' | 'turnoverDays' | 'slowMovingRatio' | 'inventoryValue';

export function measureOf(g: HealthGroup, measure: TileMeasure): number | null {
  switch (measure) {
    case 'alertShare':
      return g.skuCount ? (g.critical + g.reorder) / g.skuCount : null;
    case 'turnoverDays':
      return g.turnoverDays;
    case 'slowMovingRatio':
      return g.slowMovingRatio;
    case 'inventoryValue':
      return g.inventoryValueFen / 100;
  }
}

const formatMeasure = (v: number, measure: TileMeasure) => (measure === 'turnoverDays' ? v.toFixed(0) : measure === 'inventoryValue' ? `${(v / 10_000).toFixed(1)}万` : `${(v * 100).toFixed(0)}%`);

export function ProvinceTileMap({ groups, measure }: { groups: HealthGroup[]; measure: TileMeasure }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const option = useMemo(() => {
    const byCode = new Map(groups.map((g) => [g.code, g]));
    const tiles = Object.entries(TILES).map(([code, [x, y, zh, en]]) => {
      const g = byCode.get(code);
      const v = g ? measureOf(g, measure) : null;
      return { value: [x, y, v ?? 0] as [number, number, number], code, name: english ? en : zh, group: g, known: v !== null };
    });
    const data = tiles.filter((d) => d.known);
    const empty = tiles.filter((d) => !d.known);
    const values = data.map((d) => d.value[2]).filter((v): v is number => typeof v === 'number');
    return {
      tooltip: {
        formatter: (p: { data: (typeof tiles)[number] }) => {
          const g = p.data.group;
          if (!g) return `${p.data.name}<br/>${t('inventory.map.noDealers')}`;
          return [
            `<b>${p.data.name}</b>`,
            `${t('inventory.fields.dealers')}: ${g.dealerCount} · SKU: ${g.skuCount}`,
            `${t('inventory.level.critical')}: ${g.critical} · ${t('inventory.level.reorder')}: ${g.reorder}`,
            `${t('inventory.level.overstock')}: ${g.overstock} · ${t('inventory.level.slow')}: ${g.slow}`,
            `${t('inventory.fields.turnoverDays')}: ${g.turnoverDays === null ? '-' : g.turnoverDays.toFixed(1)}`,
          ].join('<br/>');
        },
      },
      grid: { left: 8, right: 8, top: 8, bottom: 56 },
      xAxis: { type: 'category', data: [0, 1, 2, 3, 4, 5, 6, 7], show: false },
      yAxis: { type: 'category', data: [0, 1, 2, 3, 4, 5, 6, 7], show: false, inverse: true },
      // ECharts heatmaps need a visual map each: the tiles without data get a fixed grey one.
      visualMap: [
        {
          seriesIndex: 0,
          min: values.length ? Math.min(...values) : 0,
          max: values.length ? Math.max(...values, Math.min(...values) + 1e-9) : 1,
          calculable: true,
          orient: 'horizontal',
          left: 'center',
          bottom: 4,
          itemHeight: 180,
          inRange: { color: measure === 'turnoverDays' || measure === 'inventoryValue' ? ['#e6f4ff', '#1677ff', '#002c8c'] : ['#f6ffed', '#fadb14', '#f5222d'] },
          formatter: (v: number) => formatMeasure(v, measure),
        },
        { show: false, seriesIndex: 1, min: 0, max: 1, inRange: { color: ['#f5f5f5', '#f5f5f5'] } },
      ],
      series: [
        {
          type: 'heatmap',
          data,
          itemStyle: { borderColor: '#fff', borderWidth: 3, borderRadius: 6 },
          label: {
            show: true,
            fontSize: 11,
            formatter: (p: { data: (typeof tiles)[number] }) => `${p.data.name}\n${formatMeasure(p.data.value[2], measure)}`,
          },
          emphasis: { itemStyle: { borderColor: '#333', borderWidth: 2 } },
        },
        {
          type: 'heatmap',
          data: empty,
          itemStyle: { color: '#f5f5f5', borderColor: '#fff', borderWidth: 3, borderRadius: 6 },
          label: { show: true, fontSize: 11, color: '#999', formatter: (p: { data: (typeof tiles)[number] }) => p.data.name },
        },
      ],
    };
  }, [groups, measure, english, t]);
  return <EChart option={option} height={460} testId="province-tile-map" />;
}
