import { useMemo } from 'react';
import { Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { AppstoreOutlined, ClusterOutlined, EnvironmentOutlined, ShopOutlined, TagsOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DEALER_STATUSES, TIERS, type DealerStatus, type Tier } from '../../../shared/schemas/dealers.js';
import { useAccess } from '../../lib/access';
import { formatDateTime, formatFen, formatNumber } from '../../lib/format';
import { EChart, type EChartOption } from '../../components/EChart';
import { StatusTag, STATUS_CHART_COLORS, TierTag, TIER_CHART_COLORS } from '../../components/EnumTags';
import { QueryError } from '../../components/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { useDealer } from '../dealers/api';
import { useDashboardSummary } from './api';

function StatCard({ title, value, icon, testId, suffix }: { title: string; value: number | string; icon: React.ReactNode; testId: string; suffix?: string }) {
  return (
    <Card size="small" styles={{ body: { padding: 16 } }}>
      <Statistic
        title={
          <Space size={6}>
            {icon}
            {title}
          </Space>
        }
        value={value}
        suffix={suffix}
        data-testid={testId}
      />
    </Card>
  );
}

function OwnDealerCard({ dealerId }: { dealerId: string }) {
  const { t } = useTranslation();
  const dealer = useDealer(dealerId);
  return (
    <Card title={t('dashboard.myDealer')} style={{ marginBottom: 16 }} extra={dealer.data && <Link to={`/dealers/${dealer.data.id}`}>{t('common.viewDetail')}</Link>} data-testid="own-dealer-card">
      {dealer.isLoading && <Skeleton active />}
      {dealer.isError && <QueryError error={dealer.error} onRetry={() => void dealer.refetch()} />}
      {dealer.data && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'name', label: t('dealers.fields.name'), children: <Typography.Text strong>{dealer.data.name}</Typography.Text> },
            { key: 'code', label: t('dealers.fields.code'), children: dealer.data.code },
            { key: 'status', label: t('dealers.fields.status'), children: <StatusTag status={dealer.data.status} /> },
            { key: 'tier', label: t('dealers.fields.tier'), children: <TierTag tier={dealer.data.tier} /> },
            { key: 'level', label: t('dealers.fields.level'), children: t(`enums.level.${dealer.data.level}`) },
            { key: 'credit', label: t('dealers.fields.creditLimit'), children: formatFen(dealer.data.creditLimitFen) },
            { key: 'terms', label: t('dealers.fields.paymentTermDays'), children: t('dealers.days', { count: dealer.data.paymentTermDays }) },
            { key: 'territory', label: t('dealers.fields.territory'), children: dealer.data.territory.map((x) => x.regionName).join('、') || '-' },
          ]}
        />
      )}
    </Card>
  );
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const { user, can } = useAccess();
  const summary = useDashboardSummary();
  const locale = i18n.language === 'en' ? 'en-US' : 'zh-CN';
  const data = summary.data;

  const statusOption = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    const statuses = DEALER_STATUSES.filter((s) => (data.dealers.byStatus[s] ?? 0) > 0);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: statuses.map((s) => t(`enums.status.${s}`)), axisLabel: { interval: 0, rotate: statuses.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('dashboard.dealers'),
          barMaxWidth: 36,
          data: statuses.map((s) => ({ value: data.dealers.byStatus[s] ?? 0, itemStyle: { color: STATUS_CHART_COLORS[s as DealerStatus] } })),
          label: { show: true, position: 'top' },
        },
      ],
    };
  }, [data, t]);

  const tierOption = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '45%'],
          label: { position: 'inside', formatter: '{c}', color: '#fff', fontWeight: 'bold' },
          data: TIERS.filter((tier) => (data.dealers.byTier[tier] ?? 0) > 0).map((tier) => ({
            name: t(`enums.tier.${tier}`),
            value: data.dealers.byTier[tier] ?? 0,
            itemStyle: { color: TIER_CHART_COLORS[tier as Tier] },
          })),
        },
      ],
    };
  }, [data, t]);

  return (
    <div data-testid="home-page">
      <PageHeader title={t('dashboard.welcome', { name: user?.displayName ?? '' })} sub={t('dashboard.subtitle')} />
      {user?.dealerId && <OwnDealerCard dealerId={user.dealerId} />}
      {summary.isError && <QueryError error={summary.error} onRetry={() => void summary.refetch()} />}
      {summary.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
      {data && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={8} xl={4}>
              <StatCard title={t('dashboard.dealersTotal')} value={formatNumber(data.dealers.total, locale)} icon={<ShopOutlined />} testId="stat-dealers" />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <StatCard title={t('dashboard.level2')} value={formatNumber(data.dealers.level2, locale)} icon={<ClusterOutlined />} testId="stat-level2" />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <StatCard title={t('dashboard.provinces')} value={data.dealers.provinces} icon={<EnvironmentOutlined />} testId="stat-provinces" />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <StatCard
                title={t('dashboard.productsActive')}
                value={`${formatNumber(data.products.active, locale)} / ${formatNumber(data.products.total, locale)}`}
                icon={<AppstoreOutlined />}
                testId="stat-products"
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <StatCard title={t('dashboard.categories')} value={data.products.categories} icon={<TagsOutlined />} testId="stat-categories" />
            </Col>
            {data.users !== null && (
              <Col xs={12} md={8} xl={4}>
                <StatCard title={t('dashboard.users')} value={formatNumber(data.users, locale)} icon={<TeamOutlined />} testId="stat-users" />
              </Col>
            )}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={14}>
              <Card title={t('dashboard.byStatus')} size="small">
                {data.dealers.total === 0 ? <Empty description={t('common.empty')} /> : statusOption && <EChart option={statusOption} testId="chart-status" />}
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title={t('dashboard.byTier')} size="small">
                {data.dealers.total === 0 ? <Empty description={t('common.empty')} /> : tierOption && <EChart option={tierOption} testId="chart-tier" />}
              </Card>
            </Col>
          </Row>
          <Card title={t('dashboard.recentEvents')} size="small" style={{ marginTop: 16 }} data-testid="recent-events">
            <List
              dataSource={data.recentEvents}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noEvents')} /> }}
              renderItem={(e) => (
                <List.Item>
                  <Space wrap size={8}>
                    {can('dealers.read') ? <Link to={`/dealers/${e.dealerId}`}>{e.dealerName}</Link> : e.dealerName}
                    <span>→</span>
                    {(DEALER_STATUSES as readonly string[]).includes(e.toStatus) ? <StatusTag status={e.toStatus as DealerStatus} /> : e.toStatus}
                    <Typography.Text type="secondary">
                      {e.actorName} · {formatDateTime(e.at)}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
    </div>
  );
}
