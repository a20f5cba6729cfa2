import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Flex, Input, Row, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SelloutRecord, SelloutResult } from '../../../shared/schemas/sellout.js';
import { UPLOAD_LIMIT_BYTES } from '../../../shared/limits.js';
import { formatFen } from '../../lib/format';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { useAccess } from '../../lib/access';
import { DealerSelect } from '../dealers/DealerSelect';
import { tradeKeys, useOwnDealerId, useUploadSellout } from './api';

function UploadCard() {
  const { t } = useTranslation();
  const own = useOwnDealerId();
  const [dealerId, setDealerId] = useState<string | null>(own);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<SelloutResult | null>(null);
  const upload = useUploadSellout();
  const target = own ?? dealerId;
  return (
    <Card size="small" title={t('trade.sellout.uploadTitle')} data-testid="sellout-upload">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('trade.sellout.uploadHelp')}
        </Typography.Paragraph>
        {!own && <DealerSelect value={dealerId} onChange={setDealerId} data-testid="sellout-dealer" />}
        <Upload.Dragger
          accept=".csv,.xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setResult(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          data-testid="sellout-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('trade.sellout.drop')}</p>
          <p className="ant-upload-hint">{t('trade.sellout.columns')}</p>
        </Upload.Dragger>
        {file && file.size > UPLOAD_LIMIT_BYTES && <Alert type="error" showIcon title={t('errors.codes.PAYLOAD_TOO_LARGE')} />}
        <Button
          type="primary"
          icon={<UploadOutlined />}
          disabled={!file || !target || file.size > UPLOAD_LIMIT_BYTES}
          loading={upload.isPending}
          onClick={() => upload.mutate({ file: file!, dealerId: own ? undefined : target! }, { onSuccess: setResult })}
          data-testid="sellout-submit"
        >
          {t('trade.sellout.submit')}
        </Button>
        {result && (
          <>
            <Flex gap={32} wrap>
              <Statistic title={t('trade.sellout.accepted')} value={result.accepted} data-testid="sellout-accepted" />
              <Statistic title={t('trade.sellout.rejected')} value={result.rejected.length} data-testid="sellout-rejected" />
            </Flex>
            {result.rejected.length === 0 ? (
              <Alert type="success" showIcon title={t('trade.sellout.allGood', { count: result.accepted })} />
            ) : (
              <>
                <Alert type="warning" showIcon title={t('trade.sellout.someBad', { accepted: result.accepted, rejected: result.rejected.length })} />
                <Table
                  size="small"
                  rowKey={(r) => `${r.index}-${r.code}`}
                  dataSource={result.rejected}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  data-testid="sellout-errors"
                  columns={[
                    { title: t('trade.sellout.row'), key: 'row', width: 90, render: (_, r) => r.row ?? r.index + 1 },
                    { title: t('trade.sellout.problem'), dataIndex: 'code', render: (c: string) => <Tag color="error">{t(`trade.sellout.codes.${c}`)}</Tag> },
                    { title: t('trade.sellout.detail'), dataIndex: 'message' },
                  ]}
                />
              </>
            )}
          </>
        )}
      </Space>
    </Card>
  );
}

export default function SelloutPage() {
  const { t } = useTranslation();
  const { can, isDealerUser } = useAccess();
  const [filters, setFilters] = useState<{ dealerId?: string; sku?: string; from?: string; to?: string }>({});
  const list = useCursorList<SelloutRecord>([...tradeKeys.sellout, 'list'], '/sellout', filters);
  return (
    <div data-testid="sellout-page">
      <PageHeader title={t('trade.menu.sellout')} sub={t('trade.sellout.subtitle')} extra={<ExportButton path="/sellout" params={filters} filename="sellout" />} />
      <Row gutter={[16, 16]}>
        {can('sellout.write') && (
          <Col xs={24} xl={9}>
            <UploadCard />
          </Col>
        )}
        <Col xs={24} xl={can('sellout.write') ? 15 : 24}>
          <Card size="small" title={t('trade.sellout.listTitle')}>
            <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
              {!isDealerUser && (
                <Col xs={24} md={9}>
                  <DealerSelect value={filters.dealerId ?? null} onChange={(id) => setFilters((f) => ({ ...f, dealerId: id ?? undefined }))} />
                </Col>
              )}
              <Col xs={24} md={6}>
                <Input.Search allowClear placeholder={t('trade.fields.sku')} onSearch={(v) => setFilters((f) => ({ ...f, sku: v.trim() || undefined }))} />
              </Col>
              <Col xs={24} md={9}>
                <DatePicker.RangePicker style={{ width: '100%' }} onChange={(r) => setFilters((f) => ({ ...f, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') }))} />
              </Col>
            </Row>
            <CursorTable<SelloutRecord>
              query={list}
              rowKey="id"
              emptyText={t('trade.sellout.empty')}
              columns={[
                { title: t('trade.sellout.date'), dataIndex: 'date' },
                { title: t('trade.fields.dealer'), key: 'dealer', render: (_, r) => `${r.dealerCode} · ${r.dealerName}` },
                { title: t('trade.fields.product'), key: 'p', render: (_, r) => `${r.sku} · ${r.productName}` },
                { title: t('trade.fields.quantity'), dataIndex: 'quantity', align: 'right' },
                { title: t('trade.fields.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
                { title: t('trade.sellout.customer'), dataIndex: 'customerRef', render: (v: string | null) => v ?? '-' },
                { title: t('trade.sellout.source'), dataIndex: 'source', render: (s: string) => t(`trade.sellout.sources.${s}`) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
