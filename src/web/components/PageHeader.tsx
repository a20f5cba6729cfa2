import { Flex, Typography } from 'antd';

/** The title row of a page with its actions (wraps under the title on a phone). */
export function PageHeader({ title, extra, sub }: { title: React.ReactNode; extra?: React.ReactNode; sub?: React.ReactNode }) {
  return (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
      </div>
      {extra && (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
