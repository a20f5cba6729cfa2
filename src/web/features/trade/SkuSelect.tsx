import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useProductSearch } from '../products/api';

interface Props {
  value?: string;
  onChange?: (sku: string | undefined) => void;
  /** SKUs already on other lines: not offered again */
  exclude?: string[];
  currentLabel?: string;
  'data-testid'?: string;
  /** the accessible name, where no form label names the field */
  'aria-label'?: string;
}

/** Searches active products by SKU or name; the value is the SKU (prices come from the quote). */
export function SkuSelect({ value, onChange, exclude = [], currentLabel, ...rest }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useProductSearch(q.trim());
  const options = useMemo(() => {
    const items = (search.data?.items ?? []).filter((p) => p.active && (p.sku === value || !exclude.includes(p.sku)));
    const opts = items.map((p) => ({ value: p.sku, label: `${p.sku} · ${p.name}` }));
    if (value && !opts.some((o) => o.value === value)) opts.unshift({ value, label: currentLabel ?? value });
    return opts;
  }, [search.data, value, exclude, currentLabel]);
  return (
    <Select
      {...rest}
      value={value}
      placeholder={t('trade.entry.skuPlaceholder')}
      showSearch={{ onSearch: setQ, filterOption: false }}
      loading={search.isFetching}
      notFoundContent={search.isFetching ? t('common.loading') : t('common.noMatch')}
      options={options}
      onChange={(sku?: string) => onChange?.(sku)}
      style={{ width: '100%' }}
    />
  );
}
