import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Grid, Input, Row, Select } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { DEALER_STATUSES, TIERS, type Dealer } from '../../../shared/schemas/dealers.js';
import { useAccess } from '../../lib/access';
import { CursorTable } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { ImportButton } from '../../components/ImportButton';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { dealerKeys, useDealerList, type DealerFilters } from './api';
import { compactDealerColumns, dealerColumns } from './columns';

const FILTER_KEYS = ['q', 'status', 'tier', 'level', 'regionCode'] as const;

export default function DealerListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: DealerFilters = {};
    for (const key of FILTER_KEYS) {
      const v = params.get(key);
      if (v) f[key] = v;
    }
    return f;
  }, [params]);
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);

  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const list = useDealerList(filters);
  const compact = Grid.useBreakpoint().sm === false;
  const columns = useMemo(() => (compact ? compactDealerColumns(t) : dealerColumns(t)), [t, compact]);
  const filtered = FILTER_KEYS.some((k) => params.get(k));

  return (
    <div data-testid="dealer-list-page">
      <PageHeader
        title={t('menu.dealers')}
        extra={
          <>
            {can('dealers.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/dealers/new')} data-testid="new-dealer">
                {t('dealers.new')}
              </Button>
            )}
            {can('dealers.write') && can('imports.run') && <ImportButton kind="dealers" onApplied={() => void queryClient.invalidateQueries({ queryKey: dealerKeys.all })} />}
            <ExportButton path="/dealers" params={filters} filename="dealers" />
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="dealer-filters">
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={6}>
            <Input.Search
              allowClear
              placeholder={t('dealers.filters.search')}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                if (!e.target.value) setFilter('q', undefined);
              }}
              onSearch={(v) => setFilter('q', v.trim() || undefined)}
              data-testid="filter-q"
            />
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <RegionPicker
              value={filters.regionCode ?? null}
              onChange={(code) => setFilter('regionCode', code)}
              placeholder={t('dealers.filters.region')}
              style={{ width: '100%' }}
              data-testid="filter-region"
            />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('dealers.filters.status')}
              value={filters.status}
              onChange={(v?: string) => setFilter('status', v)}
              options={DEALER_STATUSES.map((s) => ({ value: s, label: t(`enums.status.${s}`) }))}
              data-testid="filter-status"
            />
          </Col>
          <Col xs={12} sm={8} lg={3}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('dealers.filters.tier')}
              value={filters.tier}
              onChange={(v?: string) => setFilter('tier', v)}
              options={TIERS.map((x) => ({ value: x, label: <span data-testid={`tier-option-${x}`}>{t(`enums.tier.${x}`)}</span> }))}
              data-testid="filter-tier"
            />
          </Col>
          <Col xs={12} sm={8} lg={3}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('dealers.filters.level')}
              value={filters.level}
              onChange={(v?: string) => setFilter('level', v)}
              options={[
                { value: '1', label: t('enums.level.1') },
                { value: '2', label: t('enums.level.2') },
              ]}
              data-testid="filter-level"
            />
          </Col>
          <Col xs={12} sm={24} lg={3}>
            <Button icon={<ReloadOutlined />} disabled={!filtered} onClick={() => setParams(new URLSearchParams(), { replace: true })} block data-testid="filter-reset">
              {t('common.reset')}
            </Button>
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <CursorTable<Dealer>
          query={list}
          rowKey="id"
          columns={columns}
          emptyText={filtered ? t('dealers.emptyFiltered') : t('dealers.empty')}
          rowClassName={() => 'qd-clickable-row'}
          onRow={(d) =>
            ({
              onClick: () => navigate(`/dealers/${d.id}`),
              'data-testid': 'dealer-row',
              'data-code': d.code,
            }) as React.HTMLAttributes<HTMLElement>
          }
          data-testid="dealer-table"
        />
      </Card>
    </div>
  );
}
