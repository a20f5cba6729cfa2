import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScreeningResult } from '../../../shared/schemas/recruitment.js';
import { formatDateTime } from '../../lib/format';
import { catalogName } from './labels';

/** A screening as the server scored it: total against the pass mark, knock-outs, the weighted breakdown. */
export function ScreeningResultView({ result, knockOutNames }: { result: ScreeningResult; knockOutNames: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <div data-testid="screening-result">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          {
            key: 'total',
            label: t('recruitment.screening.total'),
            children: (
              <Typography.Text strong type={result.passed ? 'success' : 'danger'} data-testid="screening-total">
                {result.total.toFixed(2)}
              </Typography.Text>
            ),
          },
          { key: 'passMark', label: t('recruitment.criteria.passMark'), children: result.passMark },
          {
            key: 'passed',
            label: t('recruitment.screening.result'),
            children: (
              <Tag color={result.passed ? 'success' : 'error'} data-testid="screening-passed" data-passed={String(result.passed)}>
                {result.passed ? t('recruitment.screening.passed') : t('recruitment.screening.failed')}
              </Tag>
            ),
          },
          {
            key: 'ko',
            label: t('recruitment.screening.knockOuts'),
            children: result.knockOuts.length ? (
              <Space wrap>
                {result.knockOuts.map((k) => (
                  <Tag key={k} color="red">
                    {catalogName(t, 'knockOuts', k, knockOutNames[k] ?? k)}
                  </Tag>
                ))}
              </Space>
            ) : (
              t('common.no')
            ),
          },
          { key: 'by', label: t('recruitment.moves.by'), children: `${result.actorName} · ${formatDateTime(result.at)}` },
          { key: 'note', label: t('recruitment.screening.note'), children: result.note || '-', span: 3 },
        ]}
      />
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="criterion"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={result.breakdown}
        columns={[
          { title: t('recruitment.criteria.group'), dataIndex: 'group', render: (g: string) => t(`recruitment.groups.${g}`) },
          { title: t('recruitment.criteria.name'), key: 'name', render: (_, b) => catalogName(t, 'criteria', b.criterion, b.name) },
          { title: t('recruitment.criteria.weight'), dataIndex: 'weight', align: 'right', render: (w: number) => `${w}%` },
          { title: t('recruitment.screening.score'), dataIndex: 'score', align: 'right' },
          { title: t('recruitment.screening.weighted'), dataIndex: 'weighted', align: 'right', render: (w: number) => w.toFixed(2) },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <Space wrap>
                {result.groups.map((g) => (
                  <Tag key={g.group}>
                    {t(`recruitment.groups.${g.group}`)} {g.weighted.toFixed(2)} / {g.weight}
                  </Tag>
                ))}
              </Space>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              100%
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} />
            <Table.Summary.Cell index={4} align="right">
              <Typography.Text strong>{result.total.toFixed(2)}</Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}
