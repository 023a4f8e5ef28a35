export { auditIntent, type IntentAudit } from './auditIntent.js';
export { type AuditRecord, type AuditRecordWire, auditRecordSchema } from './auditRecordSchema.js';
export { type LedgerHistory, ledgerAuditRecords, type SkippedIntent } from './ledgerAuditRecords.js';
export { type AuditReport, auditRecords, runAudit } from './runAudit.js';
