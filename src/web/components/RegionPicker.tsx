import { useEffect, useMemo, useRef, useState } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../shared/schemas/platform.js';
import { api, type ListPage } from '../lib/api';
import { queryClient } from '../lib/queryClient';

interface Node {
  id: string;
  pId: string;
  value: string;
  title: string;
  isLeaf: boolean;
}

const regionKey = (parentCode: string | null) => ['regions', 'children', parentCode ?? 'root'] as const;

export function fetchRegionChildren(parentCode: string | null): Promise<Region[]> {
  return queryClient.fetchQuery({
    queryKey: regionKey(parentCode),
    queryFn: async () => (await api.get<ListPage<Region>>('/regions', parentCode ? { parentCode } : undefined)).items,
    staleTime: Infinity,
  });
}

export function fetchRegion(code: string): Promise<Region> {
  return queryClient.fetchQuery({
    queryKey: ['regions', 'one', code],
    queryFn: () => api.get<Region>(`/regions/${code}`),
    staleTime: Infinity,
  });
}

type Props = {
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  status?: 'error' | 'warning';
  id?: string;
  'data-testid'?: string;
} & ({ multiple?: false; value?: string | null; onChange?: (code: string | undefined) => void } | { multiple: true; value?: string[] | null; onChange?: (codes: string[]) => void });

/**
 * Picks a province, city or county: the tree loads children on demand from
 * /regions?parentCode=, and typing searches all levels through /regions?q=.
 */
export function RegionPicker(props: Props) {
  const { t } = useTranslation();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [search, setSearch] = useState('');
  const [hits, setHits] = useState<Node[] | null>(null);
  const [searching, setSearching] = useState(false);
  const searchSeq = useRef(0);

  const remember = (regions: Region[]) =>
    setLabels((prev) => {
      const next = { ...prev };
      for (const r of regions) next[r.code] = r.path ?? r.name;
      return next;
    });

  const toNode = (r: Region): Node => ({ id: r.code, pId: r.parentCode ?? '', value: r.code, title: r.name, isLeaf: !r.hasChildren });

  useEffect(() => {
    let live = true;
    fetchRegionChildren(null)
      .then((provinces) => {
        if (!live) return;
        setNodes(provinces.map((p) => ({ ...toNode(p), pId: '' })));
        remember(provinces);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  // The label of a value that is not loaded yet (an edit form opening on a county).
  const values: string[] = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  const missing = values.filter((c) => !labels[c]).join(',');
  useEffect(() => {
    if (!missing) return;
    let live = true;
    Promise.all(missing.split(',').map((c) => fetchRegion(c).catch(() => null)))
      .then((found) => live && remember(found.filter((r): r is Region => !!r)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [missing]);

  useEffect(() => {
    const q = search.trim();
    if (!q) {
      setHits(null);
      return;
    }
    const seq = ++searchSeq.current;
    setSearching(true);
    const timer = setTimeout(() => {
      api
        .get<ListPage<Region>>('/regions', { q, limit: 50 })
        .then((page) => {
          if (seq !== searchSeq.current) return;
          remember(page.items);
          setHits(page.items.map((r) => ({ id: r.code, pId: '', value: r.code, title: r.path ?? r.name, isLeaf: true })));
        })
        .catch(() => seq === searchSeq.current && setHits([]))
        .finally(() => seq === searchSeq.current && setSearching(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);

  const loadData = async (node: { value?: string | number; id?: string }) => {
    const code = String(node.value ?? node.id);
    if (nodes.some((n) => n.pId === code)) return;
    const children = await fetchRegionChildren(code);
    remember(children);
    setNodes((prev) => (prev.some((n) => n.pId === code) ? prev : [...prev, ...children.map(toNode)]));
  };

  const treeData = useMemo(() => hits ?? nodes, [hits, nodes]);
  const labelled = (code: string) => ({ value: code, label: labels[code] ?? code });

  const common = {
    id: props.id,
    'data-testid': props['data-testid'],
    style: { minWidth: 200, ...props.style },
    status: props.status,
    disabled: props.disabled,
    allowClear: props.allowClear ?? true,
    placeholder: props.placeholder ?? t('region.placeholder'),
    treeDataSimpleMode: { id: 'id', pId: 'pId', rootPId: '' },
    treeData,
    loadData: hits ? undefined : loadData,
    labelInValue: true,
    showSearch: {
      searchValue: search,
      onSearch: setSearch,
      filterTreeNode: false,
      autoClearSearchValue: true,
    },
    notFoundContent: searching ? t('common.loading') : t('region.noMatch'),
    popupMatchSelectWidth: false,
    styles: { popup: { root: { maxHeight: 400, minWidth: 260 } } },
  } as const;

  if (props.multiple) {
    const { onChange } = props;
    return (
      <TreeSelect
        {...common}
        multiple
        treeCheckStrictly={false}
        value={(props.value ?? []).map(labelled)}
        onChange={(v: { value: string }[] | undefined) => {
          setSearch('');
          onChange?.((v ?? []).map((x) => String(x.value)));
        }}
      />
    );
  }
  const { onChange } = props;
  return (
    <TreeSelect
      {...common}
      value={props.value ? labelled(props.value) : undefined}
      onChange={(v: { value: string } | undefined) => {
        setSearch('');
        onChange?.(v ? String(v.value) : undefined);
      }}
    />
  );
}
