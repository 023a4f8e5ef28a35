import { randomUUID } from 'node:crypto';
import { type RouteLeg, toJson } from '@hedge-router/router';
import type { AttemptOutcome, Submission, SubmissionRecord, SubmissionStatus } from '@hedge-router/solvers';
import type { Kysely } from 'kysely';
import { submissionRecordOf } from './rowCodecs.js';
import type { LedgerSchema, SubmissionsTable } from './schema.js';

/** Every attempt at every leg: begun before its venue is called, updated as it goes. */
export function submissionsStore(db: Kysely<LedgerSchema>, now: () => string) {
  return {
    /** Records a leg about to be sent (before the venue is called): a crash after this resumes it. */
    async beginSubmission(params: {
      intentId: string;
      legIndex: number;
      attempt: number;
      venue: string;
      candidateId: string;
      leg: RouteLeg;
    }): Promise<SubmissionRecord> {
      const at = now();
      const row: SubmissionsTable = {
        id: randomUUID(),
        intent_id: params.intentId,
        leg_index: params.legIndex,
        attempt: params.attempt,
        venue: params.venue,
        candidate_id: params.candidateId,
        leg_json: toJson(params.leg),
        status: 'submitting',
        submission_json: null,
        outcome_json: null,
        created_at: at,
        updated_at: at,
      };
      await db.insertInto('submissions').values(row).execute();
      return submissionRecordOf(row);
    },
    async updateSubmission(
      id: string,
      params: { status: SubmissionStatus; submission?: Submission; outcome?: AttemptOutcome },
    ): Promise<void> {
      await db
        .updateTable('submissions')
        .set({
          status: params.status,
          updated_at: now(),
          ...(params.submission === undefined ? {} : { submission_json: toJson(params.submission) }),
          ...(params.outcome === undefined ? {} : { outcome_json: toJson(params.outcome) }),
        })
        .where('id', '=', id)
        .execute();
    },
    async listSubmissions(intentId: string): Promise<SubmissionRecord[]> {
      const rows = await db
        .selectFrom('submissions')
        .selectAll()
        .where('intent_id', '=', intentId)
        .orderBy('leg_index')
        .orderBy('attempt')
        .execute();
      return rows.map(submissionRecordOf);
    },
  };
}
