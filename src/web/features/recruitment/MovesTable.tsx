import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProspectMove } from '../../../shared/schemas/recruitment.js';
import { formatDateTime } from '../../lib/format';
import { CursorTable } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { useMoves } from './api';
import { StageTag } from './labels';

/** Who moved which prospect, when and why: newest first across the board. */
export function MovesTable({ regionCode }: { regionCode?: string }) {
  const { t } = useTranslation();
  const params = { regionCode };
  const moves = useMoves(params);
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 8 }}>
        <ExportButton path="/prospects/moves" params={params} filename="prospect-moves" />
      </Flex>
      <CursorTable<ProspectMove>
        query={moves}
        rowKey="id"
        size="small"
        onRow={() => ({ 'data-testid': 'move-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('recruitment.moves.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v), width: 150 },
          {
            title: t('recruitment.fields.name'),
            key: 'prospect',
            render: (_, m) => (
              <Link to={`/recruitment/prospects/${m.prospectId}`}>
                {m.prospectName} <Typography.Text type="secondary">{m.prospectNumber}</Typography.Text>
              </Link>
            ),
          },
          {
            title: t('recruitment.moves.move'),
            key: 'move',
            render: (_, m) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {m.fromStage ? <StageTag stage={m.fromStage} /> : <Typography.Text type="secondary">{t('recruitment.moves.created')} </Typography.Text>}→ <StageTag stage={m.toStage} />
              </span>
            ),
          },
          { title: t('recruitment.moves.by'), dataIndex: 'actorName' },
          {
            title: t('recruitment.moves.reason'),
            dataIndex: 'reason',
            render: (v: string) => (
              <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 360 }}>
                {v || '-'}
              </Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
}
