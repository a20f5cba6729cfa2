import { useState } from 'react';
import { Card, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { RankedProspect } from '../../../shared/schemas/recruitment.js';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { RegionTags } from '../../components/RegionName';
import { QueryError } from '../../components/QueryState';
import { useRanking } from './api';
import { StageTag } from './labels';

/** Open prospects of a region best screening first; or the successor pool (rejected included) for exits (C7). */
export default function RankingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [pool, setPool] = useState<'ranking' | 'successors'>('ranking');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const params = { regionCode, q };
  const ranking = useRanking(pool, params);

  return (
    <div data-testid="ranking-page">
      <PageHeader
        title={t('recruitment.menu.ranking')}
        sub={t(`recruitment.ranking.hint.${pool}`)}
        extra={<ExportButton path={`/prospects/${pool}`} params={params} filename={`prospect-${pool}`} />}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={pool}
          onChange={(v) => setPool(v as typeof pool)}
          options={[
            { value: 'ranking', label: t('recruitment.ranking.pools.ranking') },
            { value: 'successors', label: <span data-testid="pool-successors">{t('recruitment.ranking.pools.successors')}</span> },
          ]}
        />
        <RegionPicker value={regionCode ?? null} onChange={setRegionCode} placeholder={t('recruitment.filters.region')} style={{ width: 260 }} data-testid="ranking-region" />
        <Input.Search allowClear placeholder={t('recruitment.filters.search')} onSearch={(v) => setQ(v.trim() || undefined)} style={{ width: 220 }} />
      </Space>
      <Card size="small">
        {ranking.isError ? (
          <QueryError error={ranking.error} onRetry={() => void ranking.refetch()} />
        ) : (
          <Table<RankedProspect>
            size="middle"
            rowKey="id"
            loading={ranking.isLoading}
            dataSource={ranking.data?.items ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            rowClassName={() => 'qd-clickable-row'}
            onRow={(p) => ({ onClick: () => navigate(`/recruitment/prospects/${p.id}`), 'data-testid': 'ranking-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('recruitment.ranking.rank'), dataIndex: 'rank', width: 70, render: (r: number) => <Typography.Text strong>{r}</Typography.Text> },
              {
                title: t('recruitment.fields.name'),
                key: 'name',
                render: (_, p) => (
                  <span>
                    {p.name} <Typography.Text type="secondary">{p.number}</Typography.Text>
                  </span>
                ),
              },
              { title: t('recruitment.fields.stage'), dataIndex: 'stage', render: (s: RankedProspect['stage']) => <StageTag stage={s} /> },
              {
                title: t('recruitment.fields.score'),
                key: 'total',
                align: 'right',
                render: (_, p) =>
                  p.total === null ? (
                    <Typography.Text type="secondary">{t('recruitment.board.notScreened')}</Typography.Text>
                  ) : (
                    <Space size={4}>
                      <Typography.Text type={p.passed ? 'success' : 'danger'}>{p.total.toFixed(2)}</Typography.Text>
                      {p.knockedOut && <Tag color="red">{t('recruitment.screening.knockedOut')}</Tag>}
                    </Space>
                  ),
              },
              { title: t('recruitment.fields.regionCodes'), dataIndex: 'regionCodes', render: (c: string[]) => <RegionTags codes={c} /> },
              { title: t('recruitment.fields.decision'), key: 'decision', render: (_, p) => (p.decision ? t(`recruitment.decision.options.${p.decision}`) : '-') },
              {
                title: t('recruitment.decision.reasons'),
                key: 'reasons',
                render: (_, p) => (
                  <Typography.Text ellipsis={{ tooltip: p.reasons.join(t('common.listSeparator')) }} style={{ maxWidth: 260 }}>
                    {p.reasons.join(t('common.listSeparator')) || '-'}
                  </Typography.Text>
                ),
              },
              { title: t('recruitment.fields.contactName'), key: 'contact', render: (_, p) => `${p.contactName} ${p.phone}` },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
