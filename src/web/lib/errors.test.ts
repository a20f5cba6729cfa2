import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import zhCN from '../i18n/zh-CN.json';
import en from '../i18n/en.json';
import { fieldMessage, pointerToNamePath } from './errors';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`.replace(/_(one|other)$/, '')]));
}

describe('server errors on web forms', () => {
  it('should map a JSON pointer to the form field path', () => {
    expect(pointerToNamePath('/name')).toEqual(['name']);
    expect(pointerToNamePath('/territory/0/regionCode')).toEqual(['territory', 0, 'regionCode']);
    expect(pointerToNamePath('/a~1b')).toEqual(['a/b']);
    expect(pointerToNamePath('/')).toEqual([]);
  });

  it('should translate the common server field messages and keep unknown ones', async () => {
    const t = await i18n.createInstance().init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN } } });
    expect(fieldMessage(t, 'is required')).toBe('必填');
    expect(fieldMessage(t, 'must NOT have more than 32 characters')).toBe('最多 32 个字符');
    expect(fieldMessage(t, 'is required for a level-2 dealer')).toBe('二级经销商必须选择上级经销商');
    expect(fieldMessage(t, 'Dealer code D0001 is already used')).toBe('编码 D0001 已被使用');
    expect(fieldMessage(t, 'something new from the server')).toBe('something new from the server');
  });

  it('should have every key in both languages', () => {
    expect(new Set(keysOf(en))).toEqual(new Set(keysOf(zhCN)));
  });
});
