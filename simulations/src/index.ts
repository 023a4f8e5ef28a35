// The public surface of @hedge-router/simulations.

export * from './adversaries/index.js';
export * from './relay/index.js';
export * from './world/index.js';
