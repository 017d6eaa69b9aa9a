/**
 * The one jieba instance of the process. `@node-rs/jieba` refuses a second `load()` ("Jieba was loaded,
 * could not load again"), so every user (knowledge search, the category model's training) goes through here.
 * The native module and its dictionary (about 0.1 s) load on first use, never on import.
 */
import { createRequire } from 'node:module';
import type * as Jieba from '@node-rs/jieba';

let jieba: typeof Jieba | undefined;

export function loadJieba(): typeof Jieba {
  if (jieba) return jieba;
  const loaded = createRequire(import.meta.url)('@node-rs/jieba') as typeof Jieba;
  loaded.load();
  jieba = loaded;
  return loaded;
}
