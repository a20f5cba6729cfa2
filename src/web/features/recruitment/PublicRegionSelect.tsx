import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../shared/schemas/platform.js';
import { api, type ListPage } from '../../lib/api';

interface Props {
  value?: string[];
  onChange?: (codes: string[]) => void;
  id?: string;
  'data-testid'?: string;
}

/**
 * Wanted regions on the public form (no session, so not the RegionPicker tree): type a province,
 * city or county name and pick from the full paths /public/regions answers.
 */
export function PublicRegionSelect({ value, onChange, id, 'data-testid': testId }: Props) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [searching, setSearching] = useState(false);
  const seq = useRef(0);

  const load = (q: string) => {
    const mine = ++seq.current;
    setSearching(true);
    api
      .get<ListPage<Region>>('/public/regions', q ? { q, limit: 50 } : undefined)
      .then((page) => {
        if (mine !== seq.current) return;
        const found = page.items.map((r) => ({ value: r.code, label: r.path ?? r.name }));
        setOptions(found);
        setLabels((prev) => ({ ...prev, ...Object.fromEntries(found.map((o) => [o.value, o.label])) }));
      })
      .catch(() => mine === seq.current && setOptions([]))
      .finally(() => mine === seq.current && setSearching(false));
  };

  useEffect(() => load(''), []);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  return (
    <Select
      id={id}
      mode="multiple"
      data-testid={testId}
      value={value ?? []}
      onChange={(codes: string[]) => onChange?.(codes)}
      options={[
        ...options,
        // keep the chosen ones labelled when a new search no longer lists them
        ...(value ?? []).filter((c) => !options.some((o) => o.value === c)).map((c) => ({ value: c, label: labels[c] ?? c })),
      ]}
      showSearch={{
        filterOption: false,
        onSearch: (q: string) => {
          clearTimeout(timer.current);
          timer.current = setTimeout(() => load(q.trim()), 250);
        },
      }}
      onBlur={() => load('')}
      notFoundContent={searching ? t('common.loading') : t('region.noMatch')}
      placeholder={t('recruitment.apply.regionPlaceholder')}
      style={{ width: '100%' }}
    />
  );
}
