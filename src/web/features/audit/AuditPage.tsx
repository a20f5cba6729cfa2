import { useMemo } from 'react';
import { Alert, Button, Card, Col, Descriptions, Input, Row, Select, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ExportButton } from '../../components/ExportButton';
import { AuditTable } from './AuditTable';
import { useVerifyAudit, type AuditFilters } from './api';

const ENTITY_TYPES = ['dealer', 'product', 'price_list', 'user', 'api_key'];

export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const verify = useVerifyAudit();
  const filters = useMemo(() => {
    const f: AuditFilters = {};
    const type = params.get('entityType');
    const id = params.get('entityId');
    if (type) f.entityType = type;
    if (id) f.entityId = id;
    return f;
  }, [params]);
  const setFilter = (key: 'entityType' | 'entityId', value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const result = verify.data;

  return (
    <div data-testid="audit-page">
      <PageHeader
        title={t('menu.audit')}
        sub={t('audit.subtitle')}
        extra={
          <>
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="verify-chain">
              {t('audit.verify')}
            </Button>
            <ExportButton path="/audit" params={filters} filename="audit" />
          </>
        }
      />
      {result && (
        <Alert
          style={{ marginBottom: 16 }}
          type={result.valid ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          data-testid="verify-result"
          data-valid={String(result.valid)}
          title={result.valid ? t('audit.valid', { count: result.entries }) : t('audit.invalid', { seq: result.firstInvalidEntry ?? '?' })}
          description={
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'entries', label: t('audit.entries'), children: result.entries },
                {
                  key: 'head',
                  label: t('audit.headHash'),
                  children: result.headHash ? (
                    <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                      {result.headHash}
                    </Typography.Text>
                  ) : (
                    '-'
                  ),
                },
                ...(!result.valid
                  ? [
                      { key: 'first', label: t('audit.firstInvalid'), children: result.firstInvalidEntry ?? '-' },
                      { key: 'reason', label: t('audit.reason'), children: result.reason ?? '-' },
                    ]
                  : []),
              ]}
            />
          }
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={10} lg={6}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('audit.fields.entityType')}
              value={filters.entityType}
              onChange={(v?: string) => setFilter('entityType', v)}
              options={ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entityTypes.${e}`) }))}
              data-testid="audit-filter-type"
            />
          </Col>
          <Col xs={24} sm={14} lg={8}>
            <Input.Search
              allowClear
              defaultValue={filters.entityId}
              placeholder={t('audit.fields.entityId')}
              onSearch={(v) => setFilter('entityId', v.trim() || undefined)}
              data-testid="audit-filter-id"
            />
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <AuditTable filters={filters} />
      </Card>
    </div>
  );
}
