import { Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { Prospect } from '../../../shared/schemas/recruitment.js';
import { formatDate } from '../../lib/format';
import { RegionTags } from '../../components/RegionName';
import { StageTag } from './labels';

export function prospectColumns(t: TFunction): TableColumnsType<Prospect> {
  return [
    { key: 'number', title: t('recruitment.fields.number'), dataIndex: 'number', width: 120 },
    { key: 'name', title: t('recruitment.fields.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { key: 'stage', title: t('recruitment.fields.stage'), dataIndex: 'stage', render: (s: Prospect['stage']) => <StageTag stage={s} /> },
    { key: 'regions', title: t('recruitment.fields.regionCodes'), dataIndex: 'regionCodes', render: (codes: string[]) => <RegionTags codes={codes} /> },
    { key: 'contact', title: t('recruitment.fields.contactName'), render: (_, p) => `${p.contactName} ${p.phone}` },
    {
      key: 'score',
      title: t('recruitment.fields.score'),
      align: 'right',
      render: (_, p) =>
        p.latestScreening ? (
          <Typography.Text type={p.latestScreening.passed ? 'success' : 'danger'} data-testid="score-cell">
            {p.latestScreening.total.toFixed(2)}
          </Typography.Text>
        ) : (
          '-'
        ),
    },
    { key: 'decision', title: t('recruitment.fields.decision'), render: (_, p) => (p.decision ? t(`recruitment.decision.options.${p.decision.decision}`) : '-') },
    { key: 'source', title: t('recruitment.fields.source'), dataIndex: 'source', render: (s: string) => t(`recruitment.sources.${s}`) },
    { key: 'createdAt', title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v) },
  ];
}
