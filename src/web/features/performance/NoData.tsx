import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A KPI without source data: shown as such, never as zero (its weight went to the others). */
export function NoData() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('performance.noDataHint')}>
      <Typography.Text type="secondary">{t('performance.noData')}</Typography.Text>
    </Tooltip>
  );
}
