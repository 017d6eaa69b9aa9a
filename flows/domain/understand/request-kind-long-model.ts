/**
 * The kind of request of a long message (a letter pasted into the chat, a message-board post), from a
 * linear model over character n-grams trained on real messages the team labelled
 * (`server/training/train-request-kind-posts.ts`). Same artifact format and scorer as the category
 * model; weights only, no text.
 */
import { readFileSync } from 'node:fs';
import { compileCategoryModel, predictCategory, type CategoryModelFile, type CompiledCategoryModel } from '../classify/category-model.ts';
import type { RequestKind } from './request-type.ts';

export const LONG_MODEL_URL = new URL('./request-kind-long-model.json', import.meta.url);

export interface LongKindGuess {
  kind: RequestKind;
  /** Calibrated on cross-validated margins of the labelled messages. */
  probability: number;
}

let compiled: CompiledCategoryModel | undefined;

// Loaded on first use: short chat messages never need it.
function model(): CompiledCategoryModel {
  compiled ??= compileCategoryModel(JSON.parse(readFileSync(LONG_MODEL_URL, 'utf8')) as CategoryModelFile);
  return compiled;
}

export function guessLongMessageKind(text: string): LongKindGuess {
  const prediction = predictCategory(model(), text);
  return { kind: prediction.label as RequestKind, probability: prediction.confidence };
}
