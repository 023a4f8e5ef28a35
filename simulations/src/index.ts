// The public surface of @hedge-router/simulations.

export * from './world/index.js';
export * from './relay/index.js';
export * from './adversaries/index.js';
