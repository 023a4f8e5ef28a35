import { parseAbi } from 'viem';

/** The ABI of simulations/contracts/HedgeExecutor.sol, the contract every venue executes through. */
export const hedgeExecutorAbi = parseAbi([
  'struct V3Leg { bytes32 legId; address vault; address pool; address sellToken; address buyToken; uint24 fee; uint256 sellAmount; uint256 minBuyAmount; uint64 deadline; }',
  'function operator() view returns (address)',
  'function factory() view returns (address)',
  'function executed(bytes32 legId) view returns (bool)',
  'function swapV3(V3Leg leg) returns (uint256 buyAmount)',
  'event HedgeLegExecuted(bytes32 indexed legId, address indexed vault, address indexed pool, address sellToken, address buyToken, uint256 sellAmount, uint256 buyAmount, uint256 minBuyAmount)',
  'error NotOperator()',
  'error DeadlinePassed(uint64 deadline, uint256 timestamp)',
  'error AlreadyExecuted(bytes32 legId)',
  'error NotAPool(address pool)',
  'error PartialFill(uint256 soldAmount, uint256 sellAmount)',
  'error BelowMinimum(uint256 buyAmount, uint256 minBuyAmount)',
  'error UnexpectedCallback(address caller)',
]);
