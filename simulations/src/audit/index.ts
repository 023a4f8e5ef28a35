export { auditCandidates } from './auditCandidates.js';
export { auditIntent, type IntentAudit } from './auditIntent.js';
export { type AuditRecord, type AuditRecordWire, auditRecordSchema } from './auditRecordSchema.js';
export { type AuditReport, runAudit } from './runAudit.js';
