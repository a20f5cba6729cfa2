import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Divider, Flex, Input, InputNumber, Row, Space, Statistic, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CreateOrderBody, OrderQuote } from '../../../shared/schemas/orders.js';
import { useAccess } from '../../lib/access';
import { isApiError } from '../../lib/api';
import { formatDateTime, formatFen } from '../../lib/format';
import { newIdempotencyKey, OFFLINE_NO_PRICE, offlineQuote, refreshPriceBook, rememberQuote, saveDraft, subscribeOnline } from '../../lib/offline-orders';
import { PageHeader } from '../../components/PageHeader';
import { DealerSelect } from '../dealers/DealerSelect';
import { useCreateOrder, useOwnDealerId, useQuote } from './api';
import { TradeError } from './labels';
import { SkuSelect } from './SkuSelect';

interface Line {
  key: number;
  sku?: string;
  quantity: number | null;
}

/** The value after it has stopped changing for `ms` (the quote follows typing, not each key). */
function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function CreditPanel({ quote }: { quote: OrderQuote | undefined }) {
  const { t } = useTranslation();
  if (!quote) return null;
  const c = quote.credit;
  const after = c.availableCreditFen - quote.totalFen;
  return (
    <Card size="small" title={t('trade.entry.creditTitle')} data-testid="credit-panel">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Statistic title={t('trade.credit.limit')} value={formatFen(c.creditLimitFen)} valueStyle={{ fontSize: 18 }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('trade.credit.used')} value={formatFen(c.openReceivablesFen + c.openOrdersFen)} valueStyle={{ fontSize: 18 }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('trade.credit.available')} value={formatFen(c.availableCreditFen)} valueStyle={{ fontSize: 18 }} data-testid="available-credit" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('trade.credit.afterOrder')} value={formatFen(after)} valueStyle={{ fontSize: 18, color: after < 0 ? '#cf1322' : '#237804' }} data-testid="credit-after" />
        </Col>
      </Row>
      {c.creditHold && <Alert style={{ marginTop: 12 }} type="error" showIcon title={t('trade.credit.hold', { days: c.oldestDaysPastDue, holdDays: c.creditHoldDays })} />}
    </Card>
  );
}

export default function OrderEntryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { can, user } = useAccess();
  const ownDealer = useOwnDealerId();
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  const [dealerId, setDealerId] = useState<string | null>(ownDealer);
  const [lines, setLines] = useState<Line[]>([{ key: 1, quantity: 1 }]);
  const [note, setNote] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const create = useCreateOrder();
  useEffect(() => setDealerId((d) => d ?? ownDealer), [ownDealer]);

  const filled = lines.filter((l) => l.sku && l.quantity && l.quantity > 0).map((l) => ({ sku: l.sku!, quantity: l.quantity! }));
  const body = useSettled(useMemo(() => (dealerId ? { dealerId, lines: filled } : null), [dealerId, JSON.stringify(filled)])); // eslint-disable-line react-hooks/exhaustive-deps
  // Offline the form prices from what the phone remembers of earlier quotes (lib/offline-orders.ts).
  const quote = useQuote(online ? body : null);
  const networkDown = !online || (isApiError(quote.error) && quote.error.code === 'NETWORK');
  const estimate = useMemo(() => (networkDown && body ? offlineQuote(body) : null), [networkDown, body]);
  const q = networkDown ? (estimate ?? undefined) : quote.data;
  useEffect(() => {
    if (online && dealerId) void refreshPriceBook(dealerId);
  }, [online, dealerId]);
  useEffect(() => {
    if (quote.data && !quote.isPlaceholderData) rememberQuote(quote.data);
  }, [quote.data, quote.isPlaceholderData]);
  /** The key of the order last submitted: pressing submit again on the same order reuses it. */
  const lastKey = useRef<{ body: string; key: string } | null>(null);
  const bySku = new Map((q?.lines ?? []).map((l) => [l.sku, l]));
  const shortfall = q?.credit.shortfallFen ?? 0;
  const refusedForCredit = isApiError(create.error) && (create.error.code === 'CREDIT_LIMIT_EXCEEDED' || (create.error.problem as { rule?: string }).rule === 'CREDIT_HOLD');

  const update = (key: number, patch: Partial<Line>) => setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const submit = (withOverride: boolean) => {
    const order: CreateOrderBody = {
      dealerId: dealerId!,
      lines: filled,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(withOverride ? { creditOverride: { reason: overrideReason.trim() } } : {}),
    };
    const json = JSON.stringify(order);
    const idempotencyKey = lastKey.current?.body === json ? lastKey.current.key : newIdempotencyKey();
    lastKey.current = { body: json, key: idempotencyKey };
    // No network: kept on the phone with its key and the figures on screen, sent when back online.
    const keepAsDraft = (attempted: boolean) => {
      const priced = new Map((q?.lines ?? []).map((l) => [l.sku, l]));
      try {
        saveDraft({
          idempotencyKey,
          userId: user!.id,
          body: order,
          seen: { totalFen: q?.totalFen ?? 0, availableCreditFen: q?.credit.availableCreditFen ?? 0, estimated: networkDown },
          lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, productName: priced.get(l.sku)?.productName ?? l.sku, unitPriceFen: priced.get(l.sku)?.unitPriceFen ?? null })),
          attempted,
        });
      } catch {
        void message.error(t('trade.offline.notKept'));
        return;
      }
      void message.info(t('trade.offline.kept'));
      navigate('/trade/orders');
    };
    if (!navigator.onLine) return keepAsDraft(false);
    create.mutate(
      { body: order, idempotencyKey },
      {
        onSuccess: (placed) => navigate(`/trade/orders/${placed.id}`),
        // The request may have reached the server: the draft's resend carries the same key.
        onError: (error) => isApiError(error) && error.code === 'NETWORK' && keepAsDraft(true),
      },
    );
  };

  return (
    <div data-testid="order-entry-page" style={{ maxWidth: 880 }}>
      <PageHeader title={t('trade.entry.title')} sub={t('trade.entry.subtitle')} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {!ownDealer && (
          <Card size="small">
            <Typography.Text strong>{t('trade.fields.dealer')}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <DealerSelect value={dealerId} onChange={setDealerId} data-testid="entry-dealer" />
            </div>
          </Card>
        )}
        {networkDown && (
          <Alert
            type="warning"
            showIcon
            title={t('trade.offline.entryTitle')}
            description={estimate ? t('trade.offline.entryPriced', { at: formatDateTime(estimate.pricedAt) }) : t('trade.offline.entryNoPrices')}
            data-testid="entry-offline"
          />
        )}
        <CreditPanel quote={q} />
        <Card size="small" title={t('trade.entry.lines')}>
          <Space orientation="vertical" style={{ width: '100%' }} size="small">
            {lines.map((line, index) => {
              const priced = line.sku ? bySku.get(line.sku) : undefined;
              const problem = q?.problems.find((p) => p.sku === line.sku);
              return (
                <Card size="small" type="inner" key={line.key} data-testid="entry-line" styles={{ body: { padding: 12 } }}>
                  <Flex gap={8} align="center">
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <SkuSelect
                        value={line.sku}
                        onChange={(sku) => update(line.key, { sku })}
                        exclude={lines.map((l) => l.sku ?? '')}
                        currentLabel={priced ? `${priced.sku} · ${priced.productName}` : undefined}
                        aria-label={t('trade.entry.skuOfLine', { line: index + 1 })}
                        data-testid={`entry-sku-${index}`}
                      />
                    </div>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      disabled={lines.length === 1}
                      onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}
                    />
                  </Flex>
                  <Flex gap={8} align="center" wrap style={{ marginTop: 8 }}>
                    <InputNumber<number>
                      min={1}
                      max={10_000_000}
                      precision={0}
                      value={line.quantity}
                      onChange={(v) => update(line.key, { quantity: v })}
                      addonAfter={priced?.unit}
                      style={{ width: 150 }}
                      inputMode="numeric"
                      aria-label={t('trade.entry.quantityOfLine', { line: index + 1 })}
                      data-testid={`entry-qty-${index}`}
                    />
                    <Typography.Text type="secondary">× {priced ? formatFen(priced.unitPriceFen) : '-'}</Typography.Text>
                    <Typography.Text strong style={{ marginLeft: 'auto' }} data-testid={`entry-amount-${index}`}>
                      {priced ? formatFen(priced.unitPriceFen * priced.quantity) : '-'}
                    </Typography.Text>
                  </Flex>
                  {problem && (
                    <Typography.Text type="danger">
                      {t(
                        `trade.entry.problem.${problem.message === 'is listed twice' ? 'twice' : problem.message === 'is not an active product' ? 'inactive' : problem.message === OFFLINE_NO_PRICE ? 'noOfflinePrice' : 'unknown'}`,
                      )}
                    </Typography.Text>
                  )}
                </Card>
              );
            })}
            <Button block type="dashed" icon={<PlusOutlined />} onClick={() => setLines((all) => [...all, { key: Math.max(...all.map((l) => l.key)) + 1, quantity: 1 }])} data-testid="entry-add-line">
              {t('trade.entry.addLine')}
            </Button>
          </Space>
          <Divider style={{ margin: '16px 0 12px' }} />
          <Flex vertical gap={4} data-testid="entry-totals">
            <Flex justify="space-between">
              <span>{t('trade.fields.subtotal')}</span>
              <span data-testid="entry-subtotal">{formatFen(q?.subtotalFen ?? 0)}</span>
            </Flex>
            <Flex justify="space-between">
              <span>{q?.promotion ? t('trade.entry.promotion', { name: q.promotion.name }) : t('trade.fields.discount')}</span>
              <span>-{formatFen(q?.discountFen ?? 0)}</span>
            </Flex>
            <Flex justify="space-between" style={{ fontSize: 18, fontWeight: 600 }}>
              <span>{t('trade.fields.total')}</span>
              <span data-testid="entry-total">{formatFen(q?.totalFen ?? 0)}</span>
            </Flex>
          </Flex>
        </Card>
        <Input.TextArea rows={2} maxLength={500} placeholder={t('trade.entry.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />
        {shortfall > 0 && !create.error && <Alert type="warning" showIcon title={t('trade.credit.willExceed', { shortfall: formatFen(shortfall) })} data-testid="shortfall-warning" />}
        {create.error && <TradeError error={create.error} testId="entry-error" />}
        {refusedForCredit && can('credit.override') && (
          <Card size="small" title={t('trade.override.title')}>
            <Input.TextArea
              rows={2}
              maxLength={500}
              placeholder={t('trade.override.reasonPlaceholder')}
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.target.value)}
              data-testid="override-reason"
            />
            <Button style={{ marginTop: 8 }} danger disabled={!overrideReason.trim()} loading={create.isPending} onClick={() => submit(true)} data-testid="override-submit">
              {t('trade.override.submit')}
            </Button>
          </Card>
        )}
        <Button
          type="primary"
          size="large"
          block
          icon={<SendOutlined />}
          disabled={!dealerId || filled.length === 0 || (q?.problems.length ?? 0) > 0 || (networkDown && !q)}
          loading={create.isPending}
          onClick={() => submit(false)}
          data-testid="entry-submit"
        >
          {networkDown ? t('trade.offline.submit') : t('trade.entry.submit')}
        </Button>
      </Space>
    </div>
  );
}
