// Each capability keeps its strings in modules/<capability>.<language>.json, merged over the base
// file of the language (bundle.zh-CN.ts, bundle.en.ts).
export type Strings = Record<string, unknown>;

export function deepMerge(target: Strings, source: Strings): Strings {
  const out: Strings = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = out[key];
    out[key] = value && typeof value === 'object' && !Array.isArray(value) && existing && typeof existing === 'object' ? deepMerge(existing as Strings, value as Strings) : value;
  }
  return out;
}

export const mergeModules = (base: Strings, modules: Record<string, { default: Strings }>): Strings => Object.values(modules).reduce<Strings>((all, mod) => deepMerge(all, mod.default), base);
