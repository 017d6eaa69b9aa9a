/**
 * First-level category of a citizen's message (城乡建设, 劳动和社会保障, 教育文体, 商贸旅游, 环境保护,
 * 卫生计生, 交通运输) from the committed model. The artifact is read on the first call, not at import.
 */
import { readFileSync } from 'node:fs';
import {
  compileCategoryModel,
  predictCategory,
  type CategoryModelFile,
  type CategoryPrediction,
  type CompiledCategoryModel,
} from './category-model.ts';

/**
 * Below this confidence, ask the citizen to pick from `ranked` (the top three) instead of assuming.
 * Cross-validated (`npm run train` prints the tables; server/training/README.md keeps them): 6.7% of
 * whole messages fall below it and the rest are right 95.1% of the time; of messages cut to 40
 * characters, as chat messages are, 23% fall below and the rest are right 90.3%. Below it the model is
 * right only about half the time, and the truth is among the top three for 85–96%.
 */
export const CATEGORY_CONFIDENCE_THRESHOLD = 0.6;

export const CATEGORY_MODEL_URL = new URL('./category-model.json', import.meta.url);

let bundled: CompiledCategoryModel | undefined;

export function loadCategoryModel(url: URL = CATEGORY_MODEL_URL): CompiledCategoryModel {
  return compileCategoryModel(JSON.parse(readFileSync(url, 'utf8')) as CategoryModelFile);
}

export function classifyCategory(text: string): CategoryPrediction {
  bundled ??= loadCategoryModel();
  return predictCategory(bundled, text);
}

/** A classifier over a given model file (training's cross-validation, tests). */
export function createCategoryClassifier(file: CategoryModelFile): (text: string) => CategoryPrediction {
  const model = compileCategoryModel(file);
  return (text) => predictCategory(model, text);
}
