// Every string exists in both languages, in the base files and in every capability's module file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.dirname(new URL(import.meta.url).pathname);
const load = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;

function keys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

const pairs: [string, string][] = [['zh-CN.json', 'en.json']];
for (const file of readdirSync(path.join(dir, 'modules'))) {
  if (file.endsWith('.zh-CN.json')) pairs.push([`modules/${file}`, `modules/${file.replace('.zh-CN.json', '.en.json')}`]);
}

describe('translations', () => {
  it.each(pairs)('%s and %s hold the same keys, none empty', (zhFile, enFile) => {
    const zh = load(zhFile);
    const en = load(enFile);
    // Plural forms differ by language (English has _one/_other, Chinese none), so compare stems.
    const stems = (tree: Record<string, unknown>) => [...new Set(keys(tree).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();
    expect(stems(zh)).toEqual(stems(en));
    const empty = [...keys(zh).map((k) => [zhFile, k, k.split('.').reduce<any>((o, p) => o[p], zh)]), ...keys(en).map((k) => [enFile, k, k.split('.').reduce<any>((o, p) => o[p], en)])].filter(
      ([, , v]) => typeof v !== 'string' || v.trim() === '',
    );
    expect(empty).toEqual([]);
  });

  it('module files never redefine a base key', () => {
    const base = new Set(keys(load('zh-CN.json')));
    const clashes = pairs.slice(1).flatMap(([zhFile]) =>
      keys(load(zhFile))
        .filter((k) => base.has(k))
        .map((k) => `${zhFile}: ${k}`),
    );
    expect(clashes).toEqual([]);
  });
});
