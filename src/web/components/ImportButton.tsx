import { useState } from 'react';
import { Alert, Button, Flex, Modal, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../shared/schemas/platform.js';
import { UPLOAD_LIMIT_BYTES } from '../../shared/limits.js';
import { api, download } from '../lib/api';
import { fieldMessage } from '../lib/errors';

/** The column names of import files, shown by their translated labels. */
const FIELD_LABELS: Record<string, string> = {
  code: 'dealers.fields.code',
  level: 'dealers.fields.level',
  parentCode: 'dealers.fields.parent',
  tier: 'dealers.fields.tier',
  territory: 'dealers.fields.territory',
  creditLimit: 'dealers.fields.creditLimitYuan',
  paymentTermDays: 'dealers.fields.paymentTermDays',
  vmi: 'dealers.fields.vmi',
  contact: 'dealers.contact.name',
  phone: 'dealers.contact.phone',
  address: 'dealers.fields.address',
  sku: 'products.fields.sku',
  category: 'products.fields.category',
  unit: 'products.fields.unit',
  listPrice: 'products.fields.listPriceYuan',
  minRetailPrice: 'products.fields.minRetailPriceYuan',
  active: 'products.fields.active',
};

interface Props {
  kind: 'dealers' | 'products';
  onApplied?: () => void;
}

/** Upload a CSV/XLSX file -> dry-run report of every bad row and field -> all-or-nothing apply. */
export function ImportButton({ kind, onApplied }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [tooLarge, setTooLarge] = useState(false);

  const run = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file as File);
      return api.upload<ImportReport>(`/imports/${kind}`, form, { dryRun: String(dryRun) });
    },
    onSuccess: (result) => {
      setReport(result);
      if (!result.dryRun && result.errors.length === 0) onApplied?.();
    },
  });
  const template = useMutation({ mutationFn: () => download(`/imports/${kind}/template`, undefined, `${kind}-template.xlsx`) });

  const reset = () => {
    setFile(null);
    setReport(null);
    setTooLarge(false);
    run.reset();
  };
  const close = () => {
    setOpen(false);
    reset();
  };

  const applied = report && !report.dryRun && report.errors.length === 0;
  const canApply = !!report && report.dryRun && report.errors.length === 0 && report.valid > 0;

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="import-button">
        {t('common.import')}
      </Button>
      <Modal
        open={open}
        title={t(`imports.title.${kind}`)}
        onCancel={close}
        width={760}
        destroyOnHidden
        footer={
          <Flex justify="space-between" wrap gap={8}>
            <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()} data-testid="import-template">
              {t('imports.template')}
            </Button>
            <Space wrap>
              <Button onClick={close}>{applied ? t('common.close') : t('common.cancel')}</Button>
              {!applied && (
                <Button disabled={!file || tooLarge} loading={run.isPending && run.variables?.dryRun === true} onClick={() => run.mutate({ dryRun: true })} data-testid="import-check">
                  {t('imports.check')}
                </Button>
              )}
              {!applied && (
                <Button type="primary" disabled={!canApply} loading={run.isPending && run.variables?.dryRun === false} onClick={() => run.mutate({ dryRun: false })} data-testid="import-apply">
                  {t('imports.apply')}
                </Button>
              )}
            </Space>
          </Flex>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('imports.help')}
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setReport(null);
              setTooLarge(f.size > UPLOAD_LIMIT_BYTES);
              return false;
            }}
            onRemove={() => reset()}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('imports.drop')}</p>
            <p className="ant-upload-hint">{t('imports.hint', { mb: UPLOAD_LIMIT_BYTES / 1_048_576 })}</p>
          </Upload.Dragger>
          {tooLarge && <Alert type="error" showIcon title={t('errors.codes.PAYLOAD_TOO_LARGE')} />}
          {report && (
            <>
              <Flex gap={32} wrap>
                <Statistic title={t('imports.total')} value={report.total} />
                <Statistic title={t('imports.valid')} value={report.valid} />
                <Statistic title={t('imports.invalidRows')} value={new Set(report.errors.map((e) => e.row)).size} />
                <Statistic title={t('imports.applied')} value={report.applied} />
              </Flex>
              {applied ? (
                <Alert type="success" showIcon title={t('imports.appliedOk', { count: report.applied })} data-testid="import-result" />
              ) : report.errors.length === 0 ? (
                <Alert
                  type={report.valid > 0 ? 'success' : 'warning'}
                  showIcon
                  title={report.valid > 0 ? t('imports.readyToApply', { count: report.valid }) : t('imports.nothing')}
                  data-testid="import-result"
                />
              ) : (
                <>
                  <Alert type="error" showIcon title={t('imports.hasErrors', { count: report.errors.length })} data-testid="import-result" />
                  <Table
                    size="small"
                    rowKey={(r) => `${r.row}-${r.field}-${r.message}`}
                    dataSource={report.errors}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    scroll={{ x: 500 }}
                    columns={[
                      { title: t('imports.row'), dataIndex: 'row', width: 80 },
                      {
                        title: t('imports.field'),
                        dataIndex: 'field',
                        width: 170,
                        render: (field: string) => {
                          const key = field === 'name' ? (kind === 'dealers' ? 'dealers.fields.name' : 'products.fields.name') : FIELD_LABELS[field];
                          const label = key ? t(key) : field;
                          return label.toLowerCase() === field.toLowerCase() ? label : `${label} (${field})`;
                        },
                      },
                      { title: t('imports.message'), dataIndex: 'message', render: (m: string) => fieldMessage(t, m) },
                    ]}
                  />
                </>
              )}
            </>
          )}
        </Space>
      </Modal>
    </>
  );
}
