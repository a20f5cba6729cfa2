import { Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Prospect } from '../../../shared/schemas/recruitment.js';
import { formatDateTime } from '../../lib/format';
import { QueryError } from '../../components/QueryState';
import { useProspectEvents } from './api';
import { STAGE_CHART_COLORS, StageTag } from './labels';

/** Who moved the prospect, when and why (newest first). */
export function HistoryTab({ prospect }: { prospect: Prospect }) {
  const { t } = useTranslation();
  const events = useProspectEvents(prospect.id);
  if (events.isLoading) return <Skeleton active />;
  if (events.isError) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  const items = [...(events.data?.items ?? [])].reverse();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="prospect-history"
      items={items.map((e) => ({
        key: e.id,
        color: STAGE_CHART_COLORS[e.toStage],
        content: (
          <div data-testid="history-event" data-to={e.toStage}>
            <Typography.Text strong style={{ marginRight: 8 }}>
              {formatDateTime(e.at)}
            </Typography.Text>
            <Space size={6} wrap>
              {e.fromStage ? <StageTag stage={e.fromStage} /> : <Tag>{t('recruitment.moves.created')}</Tag>}
              <span>→</span>
              <StageTag stage={e.toStage} />
              <Typography.Text type="secondary">{t('recruitment.moves.byName', { name: e.actorName })}</Typography.Text>
            </Space>
            <div style={{ marginTop: 4 }}>{e.reason || '-'}</div>
          </div>
        ),
      }))}
    />
  );
}
