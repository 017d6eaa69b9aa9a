/**
 * Whether the citizen is correcting something said before (说错了, 改成…, 不是海淀是朝阳): intake then
 * lets the new value replace the old one instead of asking which is right.
 */
import { normaliseForMatching } from './fold.ts';

const CORRECTION =
  /说错了|写错了|打错了|输错了|搞错了|弄错了|填错了|记错了|改成|改为|改一下|修改为|修改成|更正|应该是|(?<!是)不是[^，,。！!？?]{1,20}[，,\s]*(?:而|应该)?是/;

export function isCorrectionIn(text: string): boolean {
  return CORRECTION.test(text);
}

export function isCorrection(text: string): boolean {
  return isCorrectionIn(normaliseForMatching(text));
}
