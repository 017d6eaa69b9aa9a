import type { BenchReport } from './conversation-bench.ts';
import { round } from './stats.ts';

/** The issue's targets on SQLite: conversations at 5% of raw insert speed, p99 within 10 ms. */
export const TARGETS = { ratio: 0.05, p99Ms: 10 } as const;

/** The machine-readable summary; field names are a contract for scripts that track the numbers. */
export function summaryOf(report: BenchReport) {
  return {
    turnsPerSec: round(report.conversations.turnsPerSec, 1),
    p50Ms: round(report.conversations.p50Ms, 2),
    p99Ms: round(report.conversations.p99Ms, 2),
    rssMb: round(report.rssMb, 1),
    rawInsertsPerSec: Math.round(report.raw.insertsPerSec),
    ratio: round(report.ratio, 4),
  };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const perSec = (value: number) => `${value.toFixed(value >= 1000 ? 0 : 1)} /s`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

export function formatReport(report: BenchReport): string {
  const c = report.conversations;
  const rows: Array<[string, string]> = [
    ['database', report.database],
    ['citizens', `${c.citizens} (+${report.warmupCitizens} warm-up, not counted), ${report.concurrency} at a time`],
    ['turns', `${c.turns} (${c.turnsPerCitizen.min === c.turnsPerCitizen.max ? c.turnsPerCitizen.min : `${c.turnsPerCitizen.min}-${c.turnsPerCitizen.max}`} per citizen) in ${(c.elapsedMs / 1000).toFixed(2)} s`],
    ['turns per second', perSec(c.turnsPerSec)],
    ['latency p50 / p90', `${ms(c.p50Ms)} / ${ms(c.p90Ms)}`],
    ['latency p99 / max', `${ms(c.p99Ms)} / ${ms(c.maxMs)}`],
    ['peak RSS', `${report.rssMb.toFixed(1)} MB`],
    ['raw SQLite inserts', `${perSec(report.raw.insertsPerSec)} (best of ${report.raw.rounds} × ${report.raw.rows} rows, autocommit, WAL, synchronous=NORMAL)`],
    ['ratio turns/inserts', report.ratio.toFixed(4)],
    ['verified', `${report.verified.cases} cases in the database, one per citizen, ${report.verified.distinctTickets} distinct tickets`],
  ];
  if (report.engine === 'sqlite') {
    rows.push(
      ['target ratio', `≥ ${TARGETS.ratio}: ${verdict(report.ratio >= TARGETS.ratio)}`],
      ['target p99', `≤ ${TARGETS.p99Ms} ms: ${verdict(c.p99Ms <= TARGETS.p99Ms)}`],
    );
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  return ['Jiesu conversation benchmark', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}
