import { useState } from 'react';
import { Card, Flex, Segmented, Select, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertLevelName, HealthItem } from '../../../shared/schemas/index.js';
import { useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { useAccess } from '../../lib/access';
import { DealerSelect } from '../dealers/DealerSelect';
import { useCategories } from '../products/api';
import { inventoryKeys, useHealthGroups } from './api';
import { DetailDrawer } from './DetailDrawer';
import { GroupTable, ItemTable } from './HealthTables';
import { LEVELS } from './labels';
import { ProvinceTileMap, type TileMeasure } from './ProvinceTileMap';

const MEASURES: TileMeasure[] = ['alertShare', 'turnoverDays', 'slowMovingRatio', 'inventoryValue'];

/** Inventory health per province (tile heat map), per dealer and per dealer x SKU. */
export default function HealthPage() {
  const { t } = useTranslation();
  const { isDealerUser } = useAccess();
  const [tab, setTab] = useState(isDealerUser ? 'sku' : 'province');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const [dealerId, setDealerId] = useState<string | null>(null);
  const [level, setLevel] = useState<AlertLevelName | undefined>();
  const [measure, setMeasure] = useState<TileMeasure>('alertShare');
  const [open, setOpen] = useState<HealthItem | null>(null);
  const categories = useCategories();
  const provinces = useHealthGroups({ by: 'province', regionCode, category });
  const dealers = useHealthGroups({ by: 'dealer', regionCode, category });
  const itemFilters = { regionCode, category, dealerId: dealerId ?? undefined, level };
  const items = useCursorList<HealthItem>([...inventoryKeys.health, 'items'], '/inventory/health', itemFilters, 100, tab === 'sku');
  const filters = (
    <Flex gap={12} wrap>
      {!isDealerUser && <RegionPicker value={regionCode ?? null} onChange={(c) => setRegionCode(c ?? undefined)} allowClear placeholder={t('inventory.filters.region')} style={{ width: 240 }} />}
      <Select
        allowClear
        placeholder={t('inventory.filters.category')}
        value={category}
        onChange={setCategory}
        options={(categories.data ?? []).map((c) => ({ value: c, label: c }))}
        style={{ width: 180 }}
      />
    </Flex>
  );
  return (
    <div data-testid="inventory-health-page">
      <PageHeader title={t('inventory.menu.health')} sub={t('inventory.health.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        {filters}
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            ...(isDealerUser
              ? []
              : [
                  {
                    key: 'province',
                    label: t('inventory.health.byProvince'),
                    children: (
                      <>
                        <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 8 }}>
                          <Segmented<TileMeasure> value={measure} onChange={setMeasure} options={MEASURES.map((m) => ({ value: m, label: t(`inventory.map.${m}`) }))} />
                          <ExportButton path="/inventory/health/groups" params={{ by: 'province', regionCode, category }} filename="stock-health-provinces" />
                        </Flex>
                        <ProvinceTileMap groups={provinces.data?.items ?? []} measure={measure} />
                        <GroupTable by="province" rows={provinces.data?.items ?? []} loading={provinces.isLoading} />
                      </>
                    ),
                  },
                ]),
            {
              key: 'dealer',
              label: t('inventory.health.byDealer'),
              children: (
                <>
                  <div style={{ marginBottom: 12 }}>
                    <ExportButton path="/inventory/health/groups" params={{ by: 'dealer', regionCode, category }} filename="stock-health-dealers" />
                  </div>
                  <GroupTable
                    by="dealer"
                    rows={dealers.data?.items ?? []}
                    loading={dealers.isLoading}
                    onPick={(g) => {
                      setDealerId(g.key);
                      setTab('sku');
                    }}
                  />
                </>
              ),
            },
            {
              key: 'sku',
              label: t('inventory.health.bySku'),
              children: (
                <>
                  <Flex gap={12} wrap style={{ marginBottom: 12 }}>
                    {!isDealerUser && (
                      <div style={{ width: 300 }}>
                        <DealerSelect value={dealerId} onChange={setDealerId} placeholder={t('inventory.filters.dealer')} />
                      </div>
                    )}
                    <Select
                      allowClear
                      placeholder={t('inventory.filters.level')}
                      value={level}
                      onChange={setLevel}
                      options={LEVELS.map((l) => ({ value: l, label: t(`inventory.level.${l}`) }))}
                      style={{ width: 160 }}
                    />
                    <ExportButton path="/inventory/health" params={itemFilters} filename="stock-health" />
                  </Flex>
                  <ItemTable query={items} showDealer onOpen={setOpen} />
                </>
              ),
            },
          ]}
        />
      </Card>
      <DetailDrawer dealerId={open?.dealerId ?? null} sku={open?.sku ?? null} onClose={() => setOpen(null)} />
    </div>
  );
}
