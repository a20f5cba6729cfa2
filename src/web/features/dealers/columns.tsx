import { Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { Dealer } from '../../../shared/schemas/dealers.js';
import { formatFen, regionShortName } from '../../lib/format';
import { StatusTag, TierTag } from '../../components/EnumTags';
import { DealerName } from './DealerName';

export function TerritoryTags({ dealer, max = 3 }: { dealer: Dealer; max?: number }) {
  const { t } = useTranslation();
  if (!dealer.territory.length) return <Typography.Text type="secondary">-</Typography.Text>;
  const shown = dealer.territory.slice(0, max);
  const rest = dealer.territory.length - shown.length;
  return (
    <span>
      {shown.map((x) => (
        <Tooltip key={x.regionCode} title={`${x.regionName} · ${x.exclusive ? t('dealers.fields.exclusive') : t('dealers.nonExclusive')}`}>
          <Tag color={x.exclusive ? 'blue' : undefined} icon={x.exclusive ? <LockOutlined /> : undefined} style={{ marginBottom: 2 }}>
            {regionShortName(x.regionName)}
          </Tag>
        </Tooltip>
      ))}
      {rest > 0 && (
        <Tooltip
          title={
            <span style={{ whiteSpace: 'pre-line' }}>
              {dealer.territory
                .slice(max)
                .map((x) => x.regionName)
                .join('\n')}
            </span>
          }
        >
          <Tag>+{rest}</Tag>
        </Tooltip>
      )}
    </span>
  );
}

/** Phone-sized screens: the name (with code and tier under it) and the status. */
export function compactDealerColumns(t: TFunction): TableColumnsType<Dealer> {
  return [
    {
      title: t('dealers.fields.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, d) => (
        <div>
          <Typography.Text strong data-testid="dealer-name">
            {name}
          </Typography.Text>
          <div style={{ marginTop: 2, fontSize: 12 }}>
            <Typography.Text type="secondary" style={{ marginRight: 8 }}>
              {d.code} · {t(`enums.level.${d.level}`)}
            </Typography.Text>
            <TierTag tier={d.tier} />
          </div>
        </div>
      ),
    },
    {
      title: t('dealers.fields.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (status: Dealer['status']) => <StatusTag status={status} />,
    },
  ];
}

export function dealerColumns(t: TFunction): TableColumnsType<Dealer> {
  return [
    {
      title: t('dealers.fields.code'),
      dataIndex: 'code',
      key: 'code',
      fixed: 'left',
      width: 110,
      sorter: (a, b) => a.code.localeCompare(b.code),
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t('dealers.fields.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string) => (
        <Typography.Text strong data-testid="dealer-name">
          {name}
        </Typography.Text>
      ),
    },
    {
      title: t('dealers.fields.level'),
      dataIndex: 'level',
      key: 'level',
      width: 90,
      responsive: ['md'],
      sorter: (a, b) => a.level - b.level,
      render: (level: 1 | 2) => t(`enums.level.${level}`),
    },
    {
      title: t('dealers.columns.parent'),
      dataIndex: 'parentDealerId',
      key: 'parent',
      responsive: ['lg'],
      render: (id: string | null) => <DealerName id={id} />,
    },
    {
      title: t('dealers.fields.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (status: Dealer['status']) => <StatusTag status={status} />,
    },
    {
      title: t('dealers.fields.tier'),
      dataIndex: 'tier',
      key: 'tier',
      width: 90,
      responsive: ['sm'],
      render: (tier: Dealer['tier']) => <TierTag tier={tier} />,
    },
    {
      title: t('dealers.fields.territory'),
      key: 'territory',
      responsive: ['md'],
      render: (_: unknown, d) => <TerritoryTags dealer={d} />,
    },
    {
      title: t('dealers.fields.creditLimit'),
      dataIndex: 'creditLimitFen',
      key: 'creditLimitFen',
      align: 'right',
      responsive: ['lg'],
      sorter: (a, b) => a.creditLimitFen - b.creditLimitFen,
      render: (fen: number) => formatFen(fen),
    },
    {
      title: t('dealers.columns.terms'),
      dataIndex: 'paymentTermDays',
      key: 'paymentTermDays',
      align: 'right',
      responsive: ['xl'],
      sorter: (a, b) => a.paymentTermDays - b.paymentTermDays,
      render: (days: number) => t('dealers.days', { count: days }),
    },
    {
      title: t('dealers.fields.vmi'),
      dataIndex: 'vmi',
      key: 'vmi',
      align: 'center',
      width: 70,
      responsive: ['xl'],
      render: (vmi: boolean) => (vmi ? <CheckOutlined style={{ color: '#52c41a' }} aria-label={t('common.yes')} /> : <Typography.Text type="secondary">-</Typography.Text>),
    },
  ];
}
