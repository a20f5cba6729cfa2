import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { download, type QueryParams } from '../lib/api';

interface Props {
  /** the list path, e.g. "/dealers" */
  path: string;
  /** the list's current filters (cursor and limit are left out: the export holds every row) */
  params?: QueryParams;
  filename: string;
}

/** Downloads the current list as Excel: the same URL with format=xlsx. */
export function ExportButton({ path, params, filename }: Props) {
  const { t } = useTranslation();
  const exporting = useMutation({
    mutationFn: () => {
      const { cursor: _c, limit: _l, ...filters } = params ?? {};
      return download(path, { ...filters, format: 'xlsx' }, `${filename}.xlsx`);
    },
  });
  return (
    <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="export-button">
      {t('common.export')}
    </Button>
  );
}
