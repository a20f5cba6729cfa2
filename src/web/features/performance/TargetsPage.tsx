import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Row, Select, Tag, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { api, download } from '../../lib/api';
import { formatFen } from '../../lib/format';
import { useAccess } from '../../lib/access';
import type { MarketIndex, SalesTarget } from '../../../shared/schemas';

function ImportExcel({ kind }: { kind: 'targets' | 'market-index' }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const send = async (file: File) => {
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file);
      const check = await api.upload<{ saved: number; rejected: { row: number; message: string }[] }>(`/${kind}/import`, form, { dryRun: 'false' });
      if (check.rejected.length)
        modal.warning({
          title: t('performance.import.rejected'),
          content: check.rejected
            .slice(0, 20)
            .map((r) => `${t('performance.import.row', { row: r.row })}: ${r.message}`)
            .join('\n'),
        });
      else void message.success(t('performance.import.saved', { count: check.saved }));
      void client.invalidateQueries({ queryKey: [kind] });
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
    return false;
  };
  return (
    <>
      <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => void send(f) as unknown as boolean}>
        <Button icon={<UploadOutlined />} loading={busy} data-testid={`import-${kind}`}>
          {t('performance.import.button')}
        </Button>
      </Upload>
      <Button icon={<DownloadOutlined />} onClick={() => void download('/targets/template', { kind }, `${kind}-template.xlsx`)}>
        {t('performance.import.template')}
      </Button>
    </>
  );
}

export default function TargetsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const [period, setPeriod] = useState<string | undefined>();
  const targets = useCursorList<SalesTarget>(['targets'], '/targets', { period }, 50);
  const index = useCursorList<MarketIndex>(['market-index'], '/market-index', {}, 100);
  const periods = [...new Set((targets.data?.pages.flatMap((p) => p.items) ?? []).map((x) => x.period))];
  return (
    <>
      <PageHeader title={t('performance.targets.title')} sub={t('performance.targets.sub')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={t('performance.targets.targets')}
            extra={
              <>
                {access.can('targets.write') && <ImportExcel kind="targets" />} <ExportButton path="/targets" params={{ period }} filename="targets.xlsx" />
              </>
            }
          >
            <Select
              allowClear
              style={{ width: 160, marginBottom: 12 }}
              placeholder={t('performance.period')}
              value={period}
              onChange={setPeriod}
              options={periods.map((p) => ({ value: p, label: p }))}
            />
            <CursorTable<SalesTarget>
              query={targets}
              rowKey={(r) => `${r.dealerId}|${r.period}`}
              columns={[
                { title: t('performance.period'), dataIndex: 'period' },
                { title: t('performance.dealer'), render: (_, r) => `${r.dealerName}（${r.dealerCode}）` },
                { title: t('performance.target'), align: 'right', render: (_, r) => formatFen(r.targetFen) },
                { title: t('performance.updatedBy'), dataIndex: 'updatedBy' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('performance.targets.index')} extra={<>{access.can('targets.write') && <ImportExcel kind="market-index" />}</>}>
            <CursorTable<MarketIndex>
              query={index}
              rowKey={(r) => `${r.regionCode}|${r.period}`}
              columns={[
                { title: t('performance.period'), dataIndex: 'period' },
                { title: t('performance.region'), dataIndex: 'regionName' },
                { title: t('performance.demandIndex'), dataIndex: 'demandIndex', align: 'right' },
                { title: t('performance.targetFactor'), align: 'right', render: (_, r) => (r.adjustmentFactor === 1 ? '1' : <Tag color="purple">×{r.adjustmentFactor}</Tag>) },
              ]}
            />
            <div style={{ marginTop: 12, color: '#888' }}>{t('performance.targets.rule')}</div>
          </Card>
        </Col>
      </Row>
    </>
  );
}
