import { Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Region } from '../../shared/schemas/platform.js';
import { api } from '../lib/api';
import { regionShortName } from '../lib/format';

/** A region tag by code (name fetched once and cached; full path in the tooltip). */
export function RegionTag({ code }: { code: string }) {
  const region = useQuery({
    queryKey: ['regions', 'one', code],
    queryFn: () => api.get<Region>(`/regions/${code}`),
    staleTime: Infinity,
    meta: { silent: true },
  });
  const path = region.data?.path ?? region.data?.name ?? code;
  return (
    <Tooltip title={`${path} (${code})`}>
      <Tag style={{ marginBottom: 2 }}>{regionShortName(path)}</Tag>
    </Tooltip>
  );
}

export function RegionTags({ codes, max = 3 }: { codes: string[]; max?: number }) {
  if (!codes.length) return <>-</>;
  return (
    <span>
      {codes.slice(0, max).map((c) => (
        <RegionTag key={c} code={c} />
      ))}
      {codes.length > max && <Tag>+{codes.length - max}</Tag>}
    </span>
  );
}
