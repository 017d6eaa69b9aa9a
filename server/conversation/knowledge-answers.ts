import { fileURLToPath } from 'node:url';
import { narrowerQuestions, type KnowledgeHit } from '../../flows/consult/consult.logic.ts';
import { findPlaces } from '../../flows/domain/places/place-finder.ts';
import { loadKnowledgeBase } from '../../knowledge/ingest/check-entries.ts';
import { createKnowledgeIndex, type KnowledgeIndex, type Searchable, type SearchHit } from '../../knowledge/search/knowledge-index.ts';
import type { KnowledgeEntry } from '../../knowledge/ingest/entry.ts';
import { beijingDate, type Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';

const namesPlace = (clause: string) => {
  const place = findPlaces(clause);
  return place.district !== undefined || place.street !== undefined || place.candidates !== undefined;
};

/**
 * The index's hits for a question; when it abstains, a question padded with the asker's circumstances
 * (我妈75了一个人住 … 想问问居家养老上门服务怎么申请) is searched again without them.
 */
export function searchNarrowing<E extends Searchable>(index: KnowledgeIndex<E>, question: string, limit: number): Array<SearchHit<E>> {
  let hits = index.search(question, { limit });
  for (const narrower of hits.length === 0 ? narrowerQuestions(question, namesPlace) : []) {
    hits = index.search(narrower, { limit });
    if (hits.length > 0) break;
  }
  return hits;
}

/** The knowledge base that ships with Jiesu. */
export const BUNDLED_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/entries/', import.meta.url));

/**
 * Consultations answered from the knowledge base. The index is rebuilt when the day changes, so an
 * entry stops answering on the day it expires even in a long-running process. Invalid entries are
 * left out (and logged); `jiesu kb check` lists them.
 */
export function createKnowledgeAnswers(dir: string, clock: Clock, logger: Logger, limit = 3) {
  let builtFor = '';
  let index: ReturnType<typeof createKnowledgeIndex<KnowledgeEntry>> | undefined;

  function fresh() {
    const now = clock.now();
    const day = beijingDate(now);
    if (index && builtFor === day) return index;
    const base = loadKnowledgeBase(dir, now);
    const errors = base.problems.filter((p) => p.severity === 'error').length;
    if (errors > 0) logger.warn({ errors, dir }, 'knowledge entries with errors are left out; run `jiesu kb check`');
    index = createKnowledgeIndex(base.entries, { now });
    builtFor = day;
    logger.info({ entries: index.size }, 'knowledge base indexed');
    return index;
  }

  return {
    /** Build the index now (at start) instead of on the first question. */
    warm: () => void fresh(),
    /** The best hits (up to `limit`, default the factory's), or none when the search abstains. */
    answer(question: string, max = limit): KnowledgeHit[] {
      return searchNarrowing(fresh(), question, max).map(({ entry, confidence }) => ({
          id: entry.id,
          title: entry.title,
          answer: entry.answer,
          source: entry.source.name,
          sourceDate: entry.source.date,
          effectiveFrom: entry.effectiveFrom,
          confidence,
        }));
    },
  };
}
