import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Input, Row, Select } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PROSPECT_SOURCES, PROSPECT_STAGES, type Prospect } from '../../../shared/schemas/recruitment.js';
import { useAccess } from '../../lib/access';
import { CursorTable } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { useProspectList, type ProspectFilters } from './api';
import { prospectColumns } from './columns';

const FILTER_KEYS = ['q', 'stage', 'regionCode', 'source'] as const;

export default function ProspectListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: ProspectFilters = {};
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
  const list = useProspectList(filters);
  const columns = useMemo(() => prospectColumns(t), [t]);
  const filtered = FILTER_KEYS.some((k) => params.get(k));

  return (
    <div data-testid="prospect-list-page">
      <PageHeader
        title={t('recruitment.menu.list')}
        extra={
          <>
            {can('prospects.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/recruitment/prospects/new')} data-testid="new-prospect">
                {t('recruitment.create.title')}
              </Button>
            )}
            <ExportButton path="/prospects" params={filters} filename="prospects" />
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="prospect-filters">
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={7}>
            <Input.Search
              allowClear
              placeholder={t('recruitment.filters.search')}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                if (!e.target.value) setFilter('q', undefined);
              }}
              onSearch={(v) => setFilter('q', v.trim() || undefined)}
              data-testid="filter-q"
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <RegionPicker
              value={filters.regionCode ?? null}
              onChange={(c) => setFilter('regionCode', c)}
              placeholder={t('recruitment.filters.region')}
              style={{ width: '100%' }}
              data-testid="filter-region"
            />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('recruitment.filters.stage')}
              value={filters.stage}
              onChange={(v?: string) => setFilter('stage', v)}
              options={PROSPECT_STAGES.map((s) => ({ value: s, label: <span data-testid={`stage-option-${s}`}>{t(`recruitment.stages.${s}`)}</span> }))}
              data-testid="filter-stage"
            />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('recruitment.filters.source')}
              value={filters.source}
              onChange={(v?: string) => setFilter('source', v)}
              options={PROSPECT_SOURCES.map((s) => ({ value: s, label: t(`recruitment.sources.${s}`) }))}
              data-testid="filter-source"
            />
          </Col>
          <Col xs={24} sm={8} lg={3}>
            <Button icon={<ReloadOutlined />} disabled={!filtered} onClick={() => setParams(new URLSearchParams(), { replace: true })} block>
              {t('common.reset')}
            </Button>
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <CursorTable<Prospect>
          query={list}
          rowKey="id"
          columns={columns}
          rowClassName={() => 'qd-clickable-row'}
          onRow={(p) => ({ onClick: () => navigate(`/recruitment/prospects/${p.id}`), 'data-testid': 'prospect-row', 'data-number': p.number }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
    </div>
  );
}
