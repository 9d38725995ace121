import DataLoader from 'dataloader';
import { PortalRequest } from '../auth/request-context';

type LoaderMap = Map<string, DataLoader<string, unknown>>;
const LOADERS = Symbol('loaders');

/**
 * A DataLoader that lives for one request only, so batching never crosses callers with
 * different access. The batch function must itself apply the caller's scope.
 */
export function requestLoader<V>(
  req: PortalRequest,
  name: string,
  batch: (keys: readonly string[]) => Promise<Map<string, V>>,
): DataLoader<string, V | null> {
  const holder = req as unknown as { [LOADERS]?: LoaderMap };
  holder[LOADERS] ??= new Map();
  let loader = holder[LOADERS].get(name) as DataLoader<string, V | null> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V | null>(async (keys) => {
      const found = await batch(keys);
      return keys.map((k) => found.get(k) ?? null);
    });
    holder[LOADERS].set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}
