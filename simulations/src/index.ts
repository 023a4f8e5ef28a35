// The public surface of @hedge-router/simulations.

export * from './adversaries/index.js';
export * from './audit/index.js';
export * from './backtest/index.js';
export * from './bridge/index.js';
export * from './cow/index.js';
export * from './execution/index.js';
export { readBody } from './http/readBody.js';
export * from './relay/index.js';
export * from './world/index.js';
