import { useState } from 'react';
import { Badge, Button, Card, Col, Dropdown, Empty, Flex, Input, Row, Skeleton, Space, Typography } from 'antd';
import { MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PROSPECT_STAGES, PROSPECT_TRANSITIONS, type Prospect, type ProspectStage } from '../../../shared/schemas/recruitment.js';
import { useAccess } from '../../lib/access';
import { formatDate } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { RegionTags } from '../../components/RegionName';
import { QueryError } from '../../components/QueryState';
import { useBoardColumn } from './api';
import { STAGE_CHART_COLORS, moveLabel } from './labels';
import { MoveModal } from './MoveModal';
import { MovesTable } from './MovesTable';

type Dragged = Pick<Prospect, 'id' | 'name' | 'stage'>;

function ProspectCard({ p, onMove }: { p: Prospect; onMove: (p: Dragged, to: ProspectStage) => void }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const navigate = useNavigate();
  const targets = PROSPECT_TRANSITIONS[p.stage].filter((to) => to !== 'converted' && (can('prospects.decide') || (to !== 'rejected' && p.stage !== 'rejected')));
  const score = p.latestScreening;
  return (
    <Card
      size="small"
      hoverable
      draggable={can('prospects.write') && targets.length > 0}
      onDragStart={(e) => e.dataTransfer.setData('text/plain', JSON.stringify({ id: p.id, name: p.name, stage: p.stage }))}
      onClick={() => navigate(`/recruitment/prospects/${p.id}`)}
      style={{ marginBottom: 8, cursor: 'pointer' }}
      styles={{ body: { padding: 10 } }}
      data-testid="board-card"
      data-number={p.number}
    >
      <Flex justify="space-between" align="start" gap={4}>
        <Typography.Text strong ellipsis={{ tooltip: p.name }} style={{ maxWidth: 150 }}>
          {p.name}
        </Typography.Text>
        {can('prospects.write') && targets.length > 0 && (
          <span onClick={(e) => e.stopPropagation()}>
            <Dropdown
              trigger={['click']}
              menu={{
                items: targets.map((to) => ({ key: to, label: <span data-testid={`card-move-${to}`}>{moveLabel(t, p.stage, to)}</span>, danger: to === 'rejected' })),
                onClick: ({ key }) => onMove(p, key as ProspectStage),
              }}
            >
              <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('recruitment.move.menu')} data-testid="card-move" />
            </Dropdown>
          </span>
        )}
      </Flex>
      <div style={{ fontSize: 12, color: '#8c8c8c' }}>
        {p.number} · {p.contactName} · {p.source === 'public_form' ? t('recruitment.sources.public_form') : t('recruitment.sources.hq')}
      </div>
      <div style={{ marginTop: 4 }}>
        <RegionTags codes={p.regionCodes} max={2} />
      </div>
      <Flex justify="space-between" gap={4} style={{ marginTop: 4, fontSize: 12 }}>
        <span>
          {score ? (
            <Typography.Text type={score.passed ? 'success' : 'danger'}>
              {t('recruitment.board.score', { total: score.total.toFixed(2) })}
              {score.knockedOut ? ` · ${t('recruitment.screening.knockedOut')}` : ''}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('recruitment.board.notScreened')}</Typography.Text>
          )}
        </span>
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {formatDate(p.updatedAt)}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function StageColumn({ stage, filters, onMove }: { stage: ProspectStage; filters: Record<string, string | undefined>; onMove: (p: Dragged, to: ProspectStage) => void }) {
  const { t } = useTranslation();
  const column = useBoardColumn(stage, filters);
  const [over, setOver] = useState(false);
  const items = column.data?.items ?? [];
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        try {
          const p = JSON.parse(e.dataTransfer.getData('text/plain')) as Dragged;
          if (p.stage !== stage && PROSPECT_TRANSITIONS[p.stage].includes(stage)) onMove(p, stage);
        } catch {
          // not one of our cards
        }
      }}
      style={{ background: over ? '#e6f4ff' : '#fafafa', borderRadius: 8, padding: 8, minHeight: 320, borderTop: `3px solid ${STAGE_CHART_COLORS[stage]}` }}
      data-testid={`board-column-${stage}`}
    >
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t(`recruitment.stages.${stage}`)}</Typography.Text>
        <Badge count={column.data ? `${items.length}${column.data.nextCursor ? '+' : ''}` : 0} showZero color={STAGE_CHART_COLORS[stage]} data-testid={`board-count-${stage}`} />
      </Flex>
      {column.isLoading ? (
        <Skeleton active />
      ) : column.isError ? (
        <QueryError error={column.error} onRetry={() => void column.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recruitment.board.emptyColumn')} />
      ) : (
        <div style={{ maxHeight: 560, overflowY: 'auto' }}>
          {items.map((p) => (
            <ProspectCard key={p.id} p={p} onMove={onMove} />
          ))}
        </div>
      )}
    </div>
  );
}

export default function PipelineBoardPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const navigate = useNavigate();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [moving, setMoving] = useState<{ p: Dragged; to: ProspectStage } | null>(null);
  const filters = { regionCode, q };
  const onMove = (p: Dragged, to: ProspectStage) => {
    if (to === 'converted') navigate(`/recruitment/prospects/${p.id}?tab=decision`);
    else setMoving({ p, to });
  };

  return (
    <div data-testid="pipeline-board-page">
      <PageHeader
        title={t('recruitment.menu.board')}
        sub={t('recruitment.board.hint')}
        extra={
          <>
            {can('prospects.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/recruitment/prospects/new')} data-testid="new-prospect">
                {t('recruitment.create.title')}
              </Button>
            )}
            <Button onClick={() => window.open('/apply', '_blank')}>{t('recruitment.board.openApply')}</Button>
          </>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('recruitment.filters.search')} onSearch={(v) => setQ(v.trim() || undefined)} style={{ width: 240 }} data-testid="board-q" />
        <RegionPicker value={regionCode ?? null} onChange={setRegionCode} placeholder={t('recruitment.filters.region')} style={{ width: 240 }} data-testid="board-region" />
      </Space>
      <Row gutter={[8, 8]} wrap={false} style={{ overflowX: 'auto', paddingBottom: 8 }}>
        {PROSPECT_STAGES.map((stage) => (
          <Col key={stage} flex="1 0 180px" style={{ minWidth: 0 }}>
            <StageColumn stage={stage} filters={filters} onMove={onMove} />
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('recruitment.board.recentMoves')} style={{ marginTop: 16 }}>
        <MovesTable regionCode={regionCode} />
      </Card>
      <MoveModal prospect={moving?.p ?? null} to={moving?.to ?? null} onClose={() => setMoving(null)} />
    </div>
  );
}
