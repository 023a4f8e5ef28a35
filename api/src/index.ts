// @hedge-router/api: the Fastify service, the ledger and the intent lifecycle worker.
// Nothing is exported yet: the service is built by the "service" issue (see README, Status).
export {};
