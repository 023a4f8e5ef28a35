import { HedgeRouterError } from '@hedge-router/router';
import { describeIssues } from '../backtest/parseScenario.js';
import { auditIntent, type IntentAudit } from './auditIntent.js';
import { auditRecordSchema } from './auditRecordSchema.js';

export type AuditReport = {
  intents: IntentAudit[];
  /** Intents the source held but could not audit (no plan, no recorded pool states), with why. */
  skipped: { intentId: string; reason: string }[];
  summary: {
    count: number;
    meanRegretBps: number;
    meanRealisedBps: number;
    meanPredictionErrorBps: IntentAudit['predictionErrorBps'];
    sandwichedShare: number;
    /** Intents where another venue was expected to beat what was realised. */
    withBetterVenueShare: number;
  };
};

/**
 * Audits a JSONL of recorded intents (`auditRecordSchema`, one per line; blank lines and `#`
 * comments skipped). A bad line throws INVALID_INPUT naming `line N: field: reason`.
 */
export function runAudit(jsonl: string): AuditReport {
  const records: { raw: unknown; where: string }[] = [];
  jsonl.split(/\r?\n/).forEach((text, i) => {
    if (text.trim() === '' || text.startsWith('#')) return;
    try {
      records.push({ raw: JSON.parse(text), where: `line ${i + 1}` });
    } catch (error) {
      throw new HedgeRouterError('INVALID_INPUT', {
        field: `line ${i + 1}`,
        shortMessage: `not JSON (${(error as Error).message})`,
      });
    }
  });
  return auditRecords(records);
}

/**
 * Audits recorded intents given as objects (`where` names each in errors: a line, an intent
 * id); `skipped` lists intents the source could not turn into records, carried into the report.
 */
export function auditRecords(
  records: { raw: unknown; where: string }[],
  skippedBefore: AuditReport['skipped'] = [],
): AuditReport {
  const skipped = [...skippedBefore];
  const intents = records.flatMap(({ raw, where }) => {
    const parsed = auditRecordSchema.safeParse(raw);
    if (!parsed.success)
      throw new HedgeRouterError('INVALID_INPUT', {
        field: where,
        shortMessage: describeIssues(parsed.error.issues).join('; '),
      });
    if (parsed.data.observations.length === 0) {
      // Nothing to re-price the venues from: said, not guessed.
      skipped.push({
        intentId: parsed.data.intentId,
        reason: 'the decision recorded no venue observations (recorded before venues reported them)',
      });
      return [];
    }
    return [auditIntent(parsed.data)];
  });
  const n = intents.length;
  const mean = (f: (a: IntentAudit) => number) =>
    n ? intents.reduce((s, a) => s + f(a), 0) / n : Number.NaN;
  return {
    intents,
    skipped,
    summary: {
      count: n,
      meanRegretBps: mean((a) => a.regretBps),
      meanRealisedBps: mean((a) => a.realisedTotalBps),
      meanPredictionErrorBps: {
        impact: mean((a) => a.predictionErrorBps.impact),
        fees: mean((a) => a.predictionErrorBps.fees),
        gas: mean((a) => a.predictionErrorBps.gas),
        mev: mean((a) => a.predictionErrorBps.mev),
        delay: mean((a) => a.predictionErrorBps.delay),
        total: mean((a) => a.predictionErrorBps.total),
      },
      sandwichedShare: mean((a) => (a.sandwiched ? 1 : 0)),
      withBetterVenueShare: mean((a) => (a.betterVenues.length > 0 ? 1 : 0)),
    },
  };
}
