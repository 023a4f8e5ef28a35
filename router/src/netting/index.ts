export {
  type CrossResult,
  crossOppositeIntents,
  type MidRatio,
  type NettingSide,
} from './crossOppositeIntents.js';
export { type NettingSavings, nettingSavings } from './nettingSavings.js';
export {
  createNettingWindow,
  type NettingEntry,
  type NettingRelease,
  type NettingWindow,
} from './nettingWindow.js';
