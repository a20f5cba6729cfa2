import { useEffect, useState } from 'react';
import { Alert, Card, Col, Empty, Flex, InputNumber, Row, Segmented, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { HealthItem } from '../../../shared/schemas/index.js';
import { api, type ListPage } from '../../lib/api';
import { PageHeader } from '../../components/PageHeader';
import { QueryError, Loading } from '../../components/QueryState';
import { RegionPicker } from '../../components/RegionPicker';
import { useAccess } from '../../lib/access';
import { DealerSelect } from '../dealers/DealerSelect';
import { useProductSearch } from '../products/api';
import { SkuSelect } from '../trade/SkuSelect';
import { useDemandForecast } from './api';
import { ForecastChart } from './ForecastChart';
import { fixed } from './labels';

type Scope = 'all' | 'region' | 'dealer';

/** How far to trust a forecast, from its backtest MASE (1 = as good as seasonal naive). */
function trustOf(mase: number | null): 'good' | 'fair' | 'poor' | 'unknown' {
  if (mase === null) return 'unknown';
  return mase < 0.8 ? 'good' : mase < 1 ? 'fair' : 'poor';
}

/** Monthly demand forecast of a SKU: per dealer, per region or for every visible dealer. */
export default function ForecastPage() {
  const { t } = useTranslation();
  const { isDealerUser } = useAccess();
  const [sku, setSku] = useState<string | undefined>();
  const [scope, setScope] = useState<Scope>('all');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [dealerId, setDealerId] = useState<string | null>(null);
  const [horizon, setHorizon] = useState(6);
  // Start on a SKU the caller's dealers actually stock or sell (a dealer's first, else any product).
  const stocked = useQuery({ queryKey: ['inventory', 'health', 'first'], queryFn: ({ signal }) => api.get<ListPage<HealthItem>>('/inventory/health', { limit: 1 }, signal) });
  const products = useProductSearch('');
  useEffect(() => {
    if (sku || !stocked.isFetched) return;
    const first = stocked.data?.items[0]?.sku ?? products.data?.items[0]?.sku;
    if (first) setSku(first);
  }, [sku, stocked.isFetched, stocked.data, products.data]);
  const params = { sku, horizon, regionCode: scope === 'region' ? regionCode : undefined, dealerId: scope === 'dealer' ? (dealerId ?? undefined) : undefined };
  const q = useDemandForecast(params);
  const f = q.data;
  const trust = trustOf(f?.mase ?? null);
  return (
    <div data-testid="inventory-forecast-page">
      <PageHeader title={t('inventory.menu.forecast')} sub={t('inventory.forecast.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <div style={{ width: 320 }}>
            <SkuSelect value={sku} onChange={setSku} data-testid="forecast-sku" />
          </div>
          {!isDealerUser && (
            <Segmented<Scope> value={scope} onChange={setScope} options={(['all', 'region', 'dealer'] as Scope[]).map((s) => ({ value: s, label: t(`inventory.forecast.scope_${s}`) }))} />
          )}
          {scope === 'region' && <RegionPicker value={regionCode ?? null} onChange={(c) => setRegionCode(c ?? undefined)} placeholder={t('inventory.filters.region')} style={{ width: 240 }} />}
          {scope === 'dealer' && (
            <div style={{ width: 300 }}>
              <DealerSelect value={dealerId} onChange={setDealerId} placeholder={t('inventory.filters.dealer')} />
            </div>
          )}
          <Flex gap={6} align="center">
            <Typography.Text>{t('inventory.forecast.horizon')}</Typography.Text>
            <InputNumber<number> min={1} max={24} value={horizon} onChange={(v) => v && setHorizon(v)} style={{ width: 80 }} />
          </Flex>
        </Flex>
      </Card>
      {q.isLoading && <Loading />}
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {f && f.months.length === 0 && (
        <Card size="small">
          <Empty description={t('inventory.forecast.noHistory')} />
        </Card>
      )}
      {f && f.months.length > 0 && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('inventory.forecast.model')} value={f.model} styles={{ content: { fontSize: 18 } }} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('inventory.forecast.mase')} value={fixed(f.mase, 3)} styles={{ content: { color: trust === 'good' ? '#237804' : trust === 'poor' ? '#cf1322' : undefined } }} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('inventory.forecast.snaiveMase')} value={fixed(f.seasonalNaiveMase, 3)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('inventory.forecast.history')}
                  value={t('inventory.forecast.monthsDealers', { months: f.months.length, dealers: f.dealerCount })}
                  styles={{ content: { fontSize: 18 } }}
                />
              </Card>
            </Col>
          </Row>
          <Alert
            type={trust === 'good' ? 'success' : trust === 'poor' ? 'warning' : 'info'}
            showIcon
            title={t(`inventory.forecast.trust_${trust}`)}
            description={
              <>
                {f.mase !== null && f.seasonalNaiveMase !== null && (
                  <div>
                    {t(
                      f.mase < f.seasonalNaiveMase - 1e-9
                        ? 'inventory.forecast.compareBetter'
                        : f.mase <= f.seasonalNaiveMase + 1e-9
                          ? 'inventory.forecast.compareSame'
                          : 'inventory.forecast.compareWorse',
                      { model: fixed(f.mase, 3), snaive: fixed(f.seasonalNaiveMase, 3) },
                    )}
                  </div>
                )}
                <div>{t('inventory.forecast.maseHelp')}</div>
              </>
            }
            style={{ marginBottom: 16 }}
          />
          <Card size="small" style={{ marginBottom: 16 }}>
            <ForecastChart f={f} />
          </Card>
          <Card size="small" title={t('inventory.forecast.table')}>
            <Table
              size="small"
              rowKey="month"
              pagination={false}
              dataSource={f.forecastMonths.map((month, i) => ({ month, point: f.forecast[i], lo80: f.lower80[i], hi80: f.upper80[i], lo95: f.lower95[i], hi95: f.upper95[i] }))}
              columns={[
                { title: t('inventory.forecast.month'), dataIndex: 'month' },
                { title: t('inventory.forecast.point'), dataIndex: 'point', align: 'right', render: (v: number) => fixed(v, 1) },
                { title: t('inventory.forecast.band80'), key: 'b80', align: 'right', render: (_, r) => `${fixed(r.lo80, 1)} ~ ${fixed(r.hi80, 1)}` },
                { title: t('inventory.forecast.band95'), key: 'b95', align: 'right', render: (_, r) => `${fixed(r.lo95, 1)} ~ ${fixed(r.hi95, 1)}` },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
