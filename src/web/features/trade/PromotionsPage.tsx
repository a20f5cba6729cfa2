import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Progress, Radio, Select, Switch, Tag, type ButtonProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TIERS } from '../../../shared/schemas/dealers.js';
import type { Promotion } from '../../../shared/schemas/orders.js';
import { useAccess } from '../../lib/access';
import { applyFieldErrors } from '../../lib/errors';
import { formatDate, formatFen } from '../../lib/format';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { MoneyInput } from '../../components/MoneyInput';
import { PageHeader } from '../../components/PageHeader';
import { tradeKeys, useSavePromotion } from './api';
import { tradeErrorText } from './labels';

interface Values {
  name: string;
  tier?: string | null;
  dates: [Dayjs, Dayjs];
  thresholdFen: number | null;
  kind: 'amount' | 'rate';
  discountFen?: number | null;
  discountPercent?: number | null;
  budgetFen: number | null;
  active: boolean;
}

function PromotionForm({ promotion, open, onClose }: { promotion?: Promotion; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSavePromotion(promotion?.id);
  const kind = Form.useWatch('kind', form);
  const editing = !!promotion;
  const submit = async () => {
    const v = await form.validateFields();
    const body = editing
      ? { name: v.name, endsOn: v.dates[1].format('YYYY-MM-DD'), budgetFen: v.budgetFen!, active: v.active }
      : {
          name: v.name,
          tier: (v.tier || null) as Promotion['tier'],
          startsOn: v.dates[0].format('YYYY-MM-DD'),
          endsOn: v.dates[1].format('YYYY-MM-DD'),
          thresholdFen: v.thresholdFen!,
          ...(v.kind === 'amount' ? { discountFen: v.discountFen! } : { discountRate: Number(((v.discountPercent ?? 0) / 100).toFixed(4)) }),
          budgetFen: v.budgetFen!,
          active: v.active,
        };
    save.mutate(body, {
      onSuccess: onClose,
      onError: (e) => applyFieldErrors(form, e, t, { fields: ['name', 'budgetFen', 'thresholdFen', 'discountFen'], rename: { endsOn: 'dates', startsOn: 'dates' } }),
    });
  };
  const initial: Partial<Values> = promotion
    ? {
        name: promotion.name,
        tier: promotion.tier,
        dates: [dayjs(promotion.startsOn), dayjs(promotion.endsOn)],
        thresholdFen: promotion.thresholdFen,
        kind: promotion.discountFen !== null ? 'amount' : 'rate',
        discountFen: promotion.discountFen,
        discountPercent: promotion.discountRate === null ? null : promotion.discountRate * 100,
        budgetFen: promotion.budgetFen,
        active: promotion.active,
      }
    : { kind: 'amount', active: true, dates: [dayjs(), dayjs().add(1, 'month')] };
  const required = [{ required: true, message: t('errors.field.required') }];
  return (
    <Modal
      open={open}
      title={editing ? t('trade.promotions.edit') : t('trade.promotions.new')}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'promotion-save' } as ButtonProps}
      destroyOnHidden
    >
      {save.error && <Alert type="error" showIcon title={tradeErrorText(t, save.error).title} description={tradeErrorText(t, save.error).detail} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="name" label={t('trade.promotions.name')} rules={required}>
          <Input maxLength={100} data-testid="promotion-name" />
        </Form.Item>
        <Form.Item name="tier" label={t('trade.promotions.tier')} extra={t('trade.promotions.tierHelp')}>
          <Select allowClear disabled={editing} options={TIERS.map((x) => ({ value: x, label: t(`enums.tier.${x}`) }))} />
        </Form.Item>
        <Form.Item name="dates" label={t('trade.promotions.dates')} rules={required}>
          <DatePicker.RangePicker style={{ width: '100%' }} disabled={[editing, false]} />
        </Form.Item>
        <Form.Item name="thresholdFen" label={t('trade.promotions.threshold')} rules={required}>
          <MoneyInput disabled={editing} />
        </Form.Item>
        <Form.Item name="kind" label={t('trade.promotions.kind')}>
          <Radio.Group
            disabled={editing}
            options={[
              { value: 'amount', label: t('trade.promotions.amountOff') },
              { value: 'rate', label: t('trade.promotions.rateOff') },
            ]}
          />
        </Form.Item>
        {kind === 'rate' ? (
          <Form.Item name="discountPercent" label={t('trade.promotions.percent')} rules={required}>
            <InputNumber<number> min={0.01} max={100} precision={2} suffix="%" style={{ width: '100%' }} disabled={editing} />
          </Form.Item>
        ) : (
          <Form.Item name="discountFen" label={t('trade.promotions.discount')} rules={required}>
            <MoneyInput disabled={editing} />
          </Form.Item>
        )}
        <Form.Item name="budgetFen" label={t('trade.promotions.budget')} rules={required} extra={t('trade.promotions.budgetHelp')}>
          <MoneyInput data-testid="promotion-budget" />
        </Form.Item>
        <Form.Item name="active" label={t('trade.promotions.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Running, upcoming, ended or switched off, as of today. */
function PromotionState({ promotion: p }: { promotion: Promotion }) {
  const { t } = useTranslation();
  const today = dayjs().format('YYYY-MM-DD');
  const [state, color] = !p.active ? ['off', 'default'] : today < p.startsOn ? ['upcoming', 'processing'] : today > p.endsOn ? ['ended', 'default'] : ['running', 'success'];
  return <Tag color={color}>{t(`trade.promotions.state.${state}`)}</Tag>;
}

export default function PromotionsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [editing, setEditing] = useState<{ promotion?: Promotion } | null>(null);
  const list = useCursorList<Promotion>([...tradeKeys.promotions, 'list'], '/promotions', {});
  const writable = can('promotions.write');
  return (
    <div data-testid="promotions-page">
      <PageHeader
        title={t('trade.menu.promotions')}
        sub={t('trade.promotions.subtitle')}
        extra={
          <>
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="new-promotion">
                {t('trade.promotions.new')}
              </Button>
            )}
            <ExportButton path="/promotions" filename="promotions" />
          </>
        }
      />
      <Card size="small">
        <CursorTable<Promotion>
          query={list}
          rowKey="id"
          emptyText={t('trade.promotions.empty')}
          columns={[
            { title: t('trade.promotions.name'), dataIndex: 'name' },
            { title: t('trade.promotions.tier'), dataIndex: 'tier', render: (v: string | null) => (v ? t(`enums.tier.${v}`) : t('trade.promotions.allTiers')) },
            { title: t('trade.promotions.dates'), key: 'dates', render: (_, p) => `${formatDate(p.startsOn)} ~ ${formatDate(p.endsOn)}` },
            {
              title: t('trade.promotions.rule'),
              key: 'rule',
              render: (_, p) =>
                t('trade.promotions.ruleText', { threshold: formatFen(p.thresholdFen), off: p.discountFen !== null ? formatFen(p.discountFen) : `${+(p.discountRate! * 100).toFixed(2)}%` }),
            },
            {
              title: t('trade.promotions.budgetUse'),
              key: 'budget',
              width: 220,
              render: (_, p) => (
                <div>
                  <Progress percent={p.budgetFen ? Math.round((p.usedFen / p.budgetFen) * 100) : 0} size="small" />
                  {formatFen(p.usedFen)} / {formatFen(p.budgetFen)}
                </div>
              ),
            },
            { title: t('trade.promotions.state.title'), key: 'state', render: (_, p) => <PromotionState promotion={p} /> },
            ...(writable
              ? [
                  {
                    title: t('common.actions'),
                    key: 'edit',
                    render: (_: unknown, p: Promotion) => (
                      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ promotion: p })}>
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <PromotionForm open={!!editing} promotion={editing?.promotion} onClose={() => setEditing(null)} />
    </div>
  );
}
