import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DealerStatus, Tier } from '../../shared/schemas/dealers.js';
import type { Role } from '../../shared/permissions.js';

export const STATUS_COLORS: Record<DealerStatus, string> = {
  prospect: 'default',
  screening: 'processing',
  due_diligence: 'cyan',
  approved: 'geekblue',
  active: 'success',
  warning: 'warning',
  terminating: 'volcano',
  terminated: 'default',
  rejected: 'error',
};

export const STATUS_CHART_COLORS: Record<DealerStatus, string> = {
  prospect: '#bfbfbf',
  screening: '#1677ff',
  due_diligence: '#13c2c2',
  approved: '#2f54eb',
  active: '#52c41a',
  warning: '#faad14',
  terminating: '#fa541c',
  terminated: '#8c8c8c',
  rejected: '#f5222d',
};

export const TIER_COLORS: Record<Tier, string> = { gold: 'gold', silver: 'default', bronze: 'orange' };
export const TIER_CHART_COLORS: Record<Tier, string> = { gold: '#d4b106', silver: '#8c8c8c', bronze: '#d46b08' };

const ROLE_COLORS: Record<Role, string> = {
  hq_admin: 'magenta',
  hq_analyst: 'purple',
  regional_manager: 'blue',
  dealer_admin: 'green',
  dealer_staff: 'cyan',
};

export function StatusTag({ status }: { status: DealerStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="status-tag" data-status={status}>
      {t(`enums.status.${status}`)}
    </Tag>
  );
}

export function TierTag({ tier }: { tier: Tier }) {
  const { t } = useTranslation();
  return (
    <Tag color={TIER_COLORS[tier]} data-tier={tier}>
      {t(`enums.tier.${tier}`)}
    </Tag>
  );
}

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Tag color={ROLE_COLORS[role]}>{t(`enums.role.${role}`)}</Tag>;
}
