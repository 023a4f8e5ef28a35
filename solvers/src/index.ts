// The public surface of @hedge-router/solvers: venues and the chain access they share.

export * from './chain/abis.js';
