import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api';

export interface ErrorMeta {
  /** Do not show the global error display for this query/mutation (it renders the error itself). */
  silent?: boolean;
}

type Notifier = (error: unknown) => void;
let notify: Notifier = (error) => console.error(error);

/** The one place that displays errors: App registers an antd-based notifier here. */
export function setErrorNotifier(fn: Notifier): void {
  notify = fn;
}

export const ME_KEY = ['auth', 'me'] as const;

function handle(error: unknown, meta: Record<string, unknown> | undefined): void {
  if (isApiError(error) && error.status === 401) {
    // The session ended: forget who we were; the route guard sends the user to /login.
    if (queryClient.getQueryData(ME_KEY)) queryClient.setQueryData(ME_KEY, null);
    if (meta?.silent) return;
  }
  if (meta?.silent) return;
  notify(error);
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => handle(error, query.meta) }),
  mutationCache: new MutationCache({ onError: (error, _v, _c, mutation) => handle(error, mutation.meta) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => {
        if (isApiError(error) && error.status > 0 && error.status < 500) return false;
        return count < 2;
      },
    },
  },
});
