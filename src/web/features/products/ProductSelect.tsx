import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/schemas/catalog.js';
import { formatFen } from '../../lib/format';
import { useProductSearch } from './api';

interface Props {
  value?: string;
  onChange?: (sku: string | undefined, product?: Product) => void;
  /** a label for the current value when it is not among the search results */
  currentLabel?: string;
  id?: string;
  status?: 'error' | 'warning';
  'data-testid'?: string;
}

/** Searches products by SKU or name on the server; the value is the SKU. */
export function ProductSelect({ value, onChange, currentLabel, ...rest }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useProductSearch(q.trim());
  const options = useMemo(() => {
    const items = search.data?.items ?? [];
    const opts = items.map((p) => ({ value: p.sku, label: `${p.sku} · ${p.name} (${formatFen(p.listPriceFen)})`, product: p }));
    if (value && !opts.some((o) => o.value === value)) opts.unshift({ value, label: currentLabel ?? value, product: undefined as unknown as Product });
    return opts;
  }, [search.data, value, currentLabel]);
  return (
    <Select
      {...rest}
      value={value}
      placeholder={t('priceLists.skuPlaceholder')}
      showSearch={{ onSearch: setQ, filterOption: false }}
      loading={search.isFetching}
      notFoundContent={search.isFetching ? t('common.loading') : t('common.noMatch')}
      options={options}
      onChange={(sku: string | undefined, option) => {
        const picked = Array.isArray(option) ? undefined : (option as { product?: Product } | undefined)?.product;
        onChange?.(sku, picked);
      }}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
