import { Button, Empty, Flex, Table, Typography, type TableProps } from 'antd';
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ListPage, type QueryParams } from '../lib/api';
import { QueryError } from './QueryState';

/** A cursor-paginated list: the pages loaded so far, and "load more" for the next cursor. */
export function useCursorList<T>(key: QueryKey, path: string, params: QueryParams, limit = 50, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...key, params, limit],
    queryFn: ({ pageParam, signal }) => api.get<ListPage<T>>(path, { ...params, limit, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

type CursorQuery<T> = ReturnType<typeof useCursorList<T>>;

interface Props<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  query: CursorQuery<T>;
  emptyText?: string;
}

export function CursorTable<T extends object>({ query, emptyText, ...table }: Props<T>) {
  const { t } = useTranslation();
  if (query.isError && !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Table<T>
        size="middle"
        scroll={{ x: 'max-content' }}
        {...table}
        dataSource={rows}
        loading={query.isLoading || (query.isFetching && !query.isFetchingNextPage)}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('common.empty')} /> }}
      />
      {rows.length > 0 && (
        <Flex justify="center" align="center" gap={16} style={{ marginTop: 16 }} wrap>
          <Typography.Text type="secondary" data-testid="row-count">
            {query.hasNextPage ? t('common.loadedSome', { count: rows.length }) : t('common.loadedAll', { count: rows.length })}
          </Typography.Text>
          {query.hasNextPage && (
            <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="load-more">
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      )}
    </>
  );
}
