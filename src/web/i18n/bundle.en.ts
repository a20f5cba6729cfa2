// Every English string, in a chunk of its own loaded only when English is chosen (i18n/index.ts):
// a Chinese user's phone never downloads it (about 23 KiB compressed).
import base from './en.json';
import { mergeModules } from './merge';

export default mergeModules(base, import.meta.glob<{ default: Record<string, unknown> }>('./modules/*.en.json', { eager: true }));
