import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDealer, useDealerSearch } from './api';

interface Props {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** restrict to level-1 dealers (parents) */
  level?: 1 | 2;
  excludeId?: string;
  placeholder?: string;
  id?: string;
  status?: 'error' | 'warning';
  'data-testid'?: string;
}

/** Searches dealers by code or name on the server (/dealers?q=). */
export function DealerSelect({ value, onChange, level, excludeId, placeholder, ...rest }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useDealerSearch({ q: q.trim() || undefined, level });
  const current = useDealer(value ?? null, { silent: true });
  const options = useMemo(() => {
    const items = (search.data?.items ?? []).filter((d) => d.id !== excludeId);
    if (current.data && !items.some((d) => d.id === current.data.id)) items.unshift(current.data);
    return items.map((d) => ({ value: d.id, label: `${d.code} · ${d.name}` }));
  }, [search.data, current.data, excludeId]);
  return (
    <Select
      {...rest}
      allowClear
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('dealers.selectPlaceholder')}
      showSearch={{ onSearch: setQ, filterOption: false }}
      loading={search.isFetching}
      notFoundContent={search.isFetching ? t('common.loading') : t('common.noMatch')}
      options={options}
      style={{ width: '100%' }}
    />
  );
}
