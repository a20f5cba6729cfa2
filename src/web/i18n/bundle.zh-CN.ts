// Every Chinese string, in the entry chunk: Chinese is the default and the fallback language.
import base from './zh-CN.json';
import { mergeModules } from './merge';

export default mergeModules(base, import.meta.glob<{ default: Record<string, unknown> }>('./modules/*.zh-CN.json', { eager: true }));
