import { Link } from 'react-router';
import { useDealer, useLevel1Names } from './api';

/** A dealer's name by id: from the level-1 name map when present, else its own (cached) fetch. */
export function DealerName({ id, link = true }: { id: string | null | undefined; link?: boolean }) {
  const names = useLevel1Names();
  const known = id ? names.data?.[id] : undefined;
  const single = useDealer(id && names.isFetched && !known ? id : null, { silent: true });
  if (!id) return <>-</>;
  const name = known ?? single.data?.name ?? (single.isError ? id : '…');
  return link ? (
    <Link to={`/dealers/${id}`} onClick={(e) => e.stopPropagation()}>
      {name}
    </Link>
  ) : (
    <>{name}</>
  );
}
