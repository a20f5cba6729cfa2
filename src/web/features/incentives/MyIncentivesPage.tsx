// The dealer's own view: tier and progress to the next, rebates accrued and paid, points balance
// with history, the catalogue and redemption. One column on a phone.
import { useState } from 'react';
import { App, Button, Card, Col, InputNumber, List, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { formatDate, formatFen } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/QueryState';
import { DealerSelect } from '../dealers/DealerSelect';
import { incentiveKeys, useCatalog, useDealerIncentives, useIncentiveMutation, usePointsAccount, useStatements } from './api';

export default function MyIncentivesPage() {
  const { t } = useTranslation();
  const { user, can, isDealerUser } = useAccess();
  const [picked, setPicked] = useState<string | null>(null);
  const dealerId = isDealerUser ? (user?.dealerId ?? undefined) : (picked ?? undefined);
  const view = useDealerIncentives(dealerId);
  const account = usePointsAccount(dealerId);
  const catalog = useCatalog();
  const statements = useStatements({ dealerId });
  const redeem = useIncentiveMutation<{ dealerId: string; catalogItemId: string; quantity: number }>('/points/redemptions', incentiveKeys.all);
  const [qty, setQty] = useState<Record<string, number>>({});
  const { message } = App.useApp();
  const v = view.data;

  return (
    <div data-testid="my-incentives-page">
      <PageHeader title={t('incentives.my.title')} extra={!isDealerUser && <DealerSelect value={picked} onChange={setPicked} placeholder={t('incentives.my.pickDealer')} data-testid="my-dealer" />} />
      {!dealerId && <Card>{t('incentives.my.pickHint')}</Card>}
      {dealerId && !v && <Loading />}
      {v && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title={t('incentives.my.tier')} size="small" data-testid="my-tier">
              <Space align="baseline" wrap>
                <Typography.Title level={3} style={{ margin: 0 }}>
                  {t(`enums.tier.${v.tier}`, { defaultValue: v.tierName })}
                </Typography.Title>
                <Tag color="blue">{t('incentives.my.rate', { rate: (v.rebateRate * 100).toFixed(2) })}</Tag>
                {v.star?.star && <Tag color="gold">{t('incentives.my.star')}</Tag>}
              </Space>
              <Statistic title={t('incentives.my.sales12')} value={formatFen(v.salesLast12Fen)} />
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }} data-testid="qualified-tier">
                {t('incentives.my.qualified', { name: t(`enums.tier.${v.qualifiedTier}`, { defaultValue: v.qualifiedTierName }) })} ·{' '}
                {t('incentives.my.window', { from: v.from, to: v.to, version: v.policyVersion })}
              </Typography.Paragraph>
              {v.nextTier ? (
                <>
                  <Typography.Text>
                    {t('incentives.my.toNext', { name: t(`enums.tier.${v.nextTier.code}`, { defaultValue: v.nextTier.name }), gap: formatFen(v.nextTier.gapFen) })}
                    {v.nextTier.coverageGap > 0 && ` ${t('incentives.my.coverageToNext', { count: v.nextTier.coverageGap })}`}
                  </Typography.Text>
                  <Progress
                    percent={Math.round(v.nextTier.progress * 100)}
                    aria-label={t('incentives.my.progressTo', { name: t(`enums.tier.${v.nextTier.code}`, { defaultValue: v.nextTier.name }) })}
                    data-testid="next-tier-progress"
                  />
                </>
              ) : (
                <Typography.Text type="success">{t('incentives.my.topTier')}</Typography.Text>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('incentives.my.rebates')} size="small">
              <Row gutter={8}>
                <Col span={8}>
                  <Statistic title={t('incentives.status.draft')} value={formatFen(v.rebates.accruedFen)} valueStyle={{ fontSize: 16 }} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('incentives.status.approved')} value={formatFen(v.rebates.approvedFen)} valueStyle={{ fontSize: 16 }} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('incentives.status.paid')} value={formatFen(v.rebates.paidFen)} valueStyle={{ fontSize: 16 }} />
                </Col>
              </Row>
              <List
                size="small"
                dataSource={statements.data?.pages.flatMap((p) => p.items).slice(0, 6) ?? []}
                renderItem={(s) => (
                  <List.Item extra={<Tag>{t(`incentives.status.${s.status}`)}</Tag>}>
                    <List.Item.Meta
                      title={`${s.period} · ${formatFen(s.totalFen)}`}
                      description={t('incentives.my.statementLine', { sales: formatFen(s.qualifyingSalesFen), lines: s.lines.length })}
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('incentives.my.points')} size="small" data-testid="my-points">
              <Space size="large" wrap>
                <Statistic title={t('incentives.my.balance')} value={v.points.balance} />
                <Statistic title={t('incentives.my.expiring')} value={v.points.expiringThisQuarter} />
              </Space>
              <List
                size="small"
                dataSource={account.data?.entries.slice(0, 10) ?? []}
                renderItem={(e) => (
                  <List.Item extra={<Typography.Text type={e.points < 0 ? 'danger' : 'success'}>{e.points > 0 ? `+${e.points}` : e.points}</Typography.Text>}>
                    <List.Item.Meta
                      title={e.reason}
                      description={`${t(`incentives.pointKind.${e.kind}`)} · ${formatDate(e.createdAt)}${e.expiresAt ? ` · ${t('incentives.my.expires', { date: e.expiresAt })}` : ''}`}
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('incentives.my.catalog')} size="small" data-testid="my-catalog">
              <List
                size="small"
                dataSource={(catalog.data?.items ?? []).filter((c) => c.active)}
                renderItem={(c) => (
                  <List.Item
                    actions={
                      can('points.redeem') && isDealerUser
                        ? [
                            <InputNumber
                              key="q"
                              min={1}
                              max={Math.max(1, c.stock)}
                              size="small"
                              style={{ width: 56 }}
                              value={qty[c.id] ?? 1}
                              aria-label={t('incentives.my.quantityOf', { name: c.name })}
                              onChange={(n) => setQty({ ...qty, [c.id]: Number(n) || 1 })}
                            />,
                            <Button
                              key="r"
                              size="small"
                              type="primary"
                              disabled={c.stock < 1 || v.points.balance < c.points}
                              loading={redeem.isPending}
                              onClick={() =>
                                redeem.mutate({ dealerId: dealerId!, catalogItemId: c.id, quantity: qty[c.id] ?? 1 }, { onSuccess: () => void message.success(t('incentives.my.redeemed')) })
                              }
                            >
                              {t('incentives.my.redeem')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={c.name}
                      description={`${t(`incentives.category.${c.category}`)} · ${t('incentives.my.cost', { points: c.points })} · ${t('incentives.my.stock', { stock: c.stock })}`}
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
