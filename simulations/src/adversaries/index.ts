export { type Arbitrageur, type StartArbitrageurParameters, startArbitrageur } from './arbitrageur.js';
export { decodeVictimSwap, type VictimSwap } from './decodeVictimSwap.js';
export {
  type SandwichAttack,
  type SandwichSearcher,
  type StartSandwichSearcherParameters,
  startSandwichSearcher,
} from './sandwichSearcher.js';
