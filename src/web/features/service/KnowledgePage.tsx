import { useState } from 'react';
import { Button, Card, Drawer, Empty, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryState';
import { api, request } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useAccess } from '../../lib/access';
import type { Article, SearchHit } from './api';

/** Knowledge base search: the server cuts Chinese into words and ranks by matched words. */
export default function KnowledgePage() {
  const { t } = useTranslation();
  const { can, user } = useAccess();
  // Publishing reaches every dealer: HQ's (knowledge.rules.ts publishRefusal); managers keep drafts.
  const mayPublish = can('knowledge.write') && user?.role === 'hq_admin';
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string>('');
  const [openId, setOpenId] = useState<string | null>(null);
  const search = useQuery({ queryKey: ['kb', q, status], queryFn: ({ signal }) => api.get<{ items: SearchHit[] }>('/kb/articles', { q: q || undefined, status: status || undefined }, signal) });
  const article = useQuery({ queryKey: ['kb', 'article', openId], queryFn: ({ signal }) => api.get<Article>(`/kb/articles/${openId}`, undefined, signal), enabled: !!openId });
  const publish = useMutation({
    mutationFn: (a: Article) => request<Article>('PUT', `/kb/articles/${a.id}`, { body: { title: a.title, body: a.body, status: 'published' } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['kb'] }),
  });
  return (
    <div>
      <PageHeader title={t('service.kb.title')} sub={t('service.kb.sub')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear enterButton placeholder={t('service.kb.placeholder')} onSearch={setQ} style={{ width: 420, maxWidth: '100%' }} data-testid="kb-search" />
        {can('knowledge.write') && (
          <Segmented
            value={status}
            onChange={(v) => setStatus(String(v))}
            options={[
              { value: '', label: t('service.kb.allStatus') },
              { value: 'published', label: t('service.kb.status.published') },
              { value: 'draft', label: t('service.kb.status.draft') },
            ]}
          />
        )}
      </Space>
      {search.error ? (
        <QueryError error={search.error} />
      ) : (
        <Card size="small">
          <List
            loading={search.isLoading}
            dataSource={search.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('service.kb.empty')} /> }}
            data-testid="kb-results"
            renderItem={(h) => (
              <List.Item onClick={() => setOpenId(h.id)} style={{ cursor: 'pointer' }}>
                <List.Item.Meta
                  title={
                    <Space>
                      <a>{h.title}</a>
                      {h.status === 'draft' && <Tag color="orange">{t('service.kb.status.draft')}</Tag>}
                      {h.type && <Tag>{t(`service.type.${h.type}`, { defaultValue: h.type })}</Tag>}
                      {q && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('service.kb.matched', { n: h.hits })}
                        </Typography.Text>
                      )}
                    </Space>
                  }
                  description={h.snippet}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      <Drawer open={!!openId} onClose={() => setOpenId(null)} width={640} title={article.data?.title}>
        {article.data && (
          <>
            <Space style={{ marginBottom: 12 }}>
              <Tag color={article.data.status === 'draft' ? 'orange' : 'green'}>{t(`service.kb.status.${article.data.status}`)}</Tag>
              <Typography.Text type="secondary">
                {article.data.createdBy} · {formatDateTime(article.data.updatedAt)}
              </Typography.Text>
            </Space>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{article.data.body}</Typography.Paragraph>
            {mayPublish && article.data.status === 'draft' && (
              <Button type="primary" loading={publish.isPending} onClick={() => publish.mutate(article.data!)}>
                {t('service.kb.publish')}
              </Button>
            )}
          </>
        )}
      </Drawer>
    </div>
  );
}
