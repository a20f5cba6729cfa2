import { Alert, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OrderStatus } from '../../../shared/schemas/orders.js';
import { isApiError } from '../../lib/api';
import { errorTitle, fieldMessage } from '../../lib/errors';
import { formatFen } from '../../lib/format';

export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  submitted: 'processing',
  approved: 'geekblue',
  partially_shipped: 'cyan',
  shipped: 'blue',
  received: 'success',
  closed: 'default',
  cancelled: 'error',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORDER_STATUS_COLORS[status]} data-testid="order-status" data-status={status}>
      {t(`trade.status.${status}`)}
    </Tag>
  );
}

/**
 * A refusal in the words of the trade screens: the credit shortfall and the credit hold get
 * their own sentence with the numbers the server sent; anything else its code title and detail.
 */
export function tradeErrorText(t: TFunction, error: unknown): { title: string; detail?: string } {
  if (!isApiError(error)) return { title: errorTitle(t, error) };
  const p = error.problem as Record<string, unknown>;
  if (error.code === 'CREDIT_LIMIT_EXCEEDED') {
    return {
      title: t('trade.credit.exceeded', { shortfall: formatFen(Number(p.shortfallFen)) }),
      detail: t('trade.credit.exceededDetail', {
        limit: formatFen(Number(p.creditLimitFen)),
        receivables: formatFen(Number(p.openReceivablesFen)),
        orders: formatFen(Number(p.openOrdersFen)),
        order: formatFen(Number(p.orderFen)),
      }),
    };
  }
  if (p.rule === 'CREDIT_HOLD') return { title: t('trade.credit.hold', { days: p.oldestDaysPastDue, holdDays: p.holdDays }) };
  const fields = error.errors.map((e) => `${e.path.replace(/^\//, '')}: ${fieldMessage(t, e.message)}`).join(t('common.listSeparator'));
  return { title: errorTitle(t, error), detail: fields || error.detail };
}

export function TradeError({ error, testId = 'trade-error' }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const text = tradeErrorText(t, error);
  return <Alert type="error" showIcon title={text.title} description={text.detail} data-testid={testId} style={{ marginBottom: 12 }} />;
}
