import { useState } from 'react';
import { Alert, Button, Card, Space, Tabs, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PROSPECT_TRANSITIONS, type ProspectStage } from '../../../shared/schemas/recruitment.js';
import { useAccess } from '../../lib/access';
import { PageHeader } from '../../components/PageHeader';
import { RegionTag } from '../../components/RegionName';
import { Loading, QueryError } from '../../components/QueryState';
import { AuditTable } from '../audit/AuditTable';
import { useProspect } from './api';
import { StageTag, moveLabel } from './labels';
import { MoveModal } from './MoveModal';
import { ProfileTab } from './ProfileTab';
import { ScreeningTab } from './ScreeningTab';
import { DueDiligenceTab } from './DueDiligenceTab';
import { RiskTab } from './RiskTab';
import { FinancialsTab } from './FinancialsTab';
import { DecisionTab } from './DecisionTab';
import { HistoryTab } from './HistoryTab';

export default function ProspectDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAccess();
  const [params, setParams] = useSearchParams();
  const prospect = useProspect(id);
  const [target, setTarget] = useState<ProspectStage | null>(null);

  if (prospect.isLoading) return <Loading />;
  if (prospect.isError || !prospect.data)
    return (
      <QueryError
        error={prospect.error}
        onRetry={() => void prospect.refetch()}
        notFoundTitle={t('recruitment.detail.notFound')}
        backTo={{ path: '/recruitment/prospects', label: t('recruitment.detail.backToList') }}
      />
    );
  const p = prospect.data;
  const moves = PROSPECT_TRANSITIONS[p.stage].filter((to) => to !== 'converted' && (can('prospects.decide') || (to !== 'rejected' && p.stage !== 'rejected')));
  const tab = params.get('tab') ?? 'profile';
  const ddStarted = !['new', 'screening'].includes(p.stage) || p.stage === 'rejected';

  const tabs = [
    { key: 'profile', label: t('recruitment.detail.tabs.profile'), children: <ProfileTab prospect={p} /> },
    { key: 'screening', label: t('recruitment.detail.tabs.screening'), children: <ScreeningTab prospect={p} /> },
    { key: 'dd', label: t('recruitment.detail.tabs.dueDiligence'), children: <DueDiligenceTab prospect={p} started={ddStarted} /> },
    { key: 'risk', label: t('recruitment.detail.tabs.risk'), children: <RiskTab prospect={p} /> },
    { key: 'financials', label: t('recruitment.detail.tabs.financials'), children: <FinancialsTab prospect={p} /> },
    { key: 'decision', label: t('recruitment.detail.tabs.decision'), children: <DecisionTab prospect={p} /> },
    { key: 'history', label: t('recruitment.detail.tabs.history'), children: <HistoryTab prospect={p} /> },
    ...(can('audit.read') ? [{ key: 'audit', label: t('recruitment.detail.tabs.audit'), children: <AuditTable filters={{ entityType: 'prospect', entityId: p.id }} showEntity={false} /> }] : []),
  ];

  return (
    <div data-testid="prospect-detail-page">
      <PageHeader
        title={
          <Space wrap size={8}>
            <span data-testid="prospect-title">{p.name}</span>
            <StageTag stage={p.stage} />
          </Space>
        }
        sub={
          <Space size={8} wrap>
            <Typography.Text code data-testid="prospect-number">
              {p.number}
            </Typography.Text>
            <span>{t(`recruitment.sources.${p.source}`)}</span>
            {p.dealerId && (
              <Link to={`/dealers/${p.dealerId}`} data-testid="dealer-link">
                {t('recruitment.detail.openDealer')}
              </Link>
            )}
          </Space>
        }
        extra={
          can('prospects.write') &&
          moves.map((to) => (
            <Button key={to} icon={<SwapOutlined />} danger={to === 'rejected'} onClick={() => setTarget(to)} data-testid={`move-${to}`}>
              {moveLabel(t, p.stage, to)}
            </Button>
          ))
        }
      />
      {(p.warnings ?? []).map((w) => (
        <Alert
          key={`${w.regionCode}-${w.heldRegionCode}-${w.dealerId ?? ''}`}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="territory-warning"
          title={t('recruitment.warnings.title')}
          description={
            <Space wrap size={4}>
              {t('recruitment.warnings.wanted')}
              <RegionTag code={w.regionCode} />
              {t('recruitment.warnings.held')}
              <RegionTag code={w.heldRegionCode} />
              <span>{w.dealerName ? `${w.dealerName} (${w.dealerCode})` : t('recruitment.warnings.otherDealer')}</span>
            </Space>
          }
        />
      ))}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={tabs.map((x) => ({ ...x, label: <span data-testid={`tab-${x.key}`}>{x.label}</span> }))}
          destroyOnHidden
        />
      </Card>
      <MoveModal prospect={p} to={target} onClose={() => setTarget(null)} />
    </div>
  );
}
