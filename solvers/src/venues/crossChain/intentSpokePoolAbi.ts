import { parseAbi } from 'viem';

/**
 * The ABI of an intent bridge's spoke pool (simulations/contracts/IntentSpokePool.sol, modelled
 * on Across V3's SpokePool): deposits escrowed on the origin, fills on the destination,
 * attested repayment to the relayer and expiry refunds to the depositor.
 */
export const intentSpokePoolAbi = parseAbi([
  'struct RelayData { address depositor; address recipient; address inputToken; address outputToken; uint256 inputAmount; uint256 outputAmount; uint256 originChainId; uint256 destinationChainId; uint32 depositId; uint32 fillDeadline; bytes message; }',
  'function attester() view returns (address)',
  'function numberOfDeposits() view returns (uint32)',
  'function depositRelayHash(uint32 depositId) view returns (bytes32)',
  'function depositState(uint32 depositId) view returns (uint8)',
  'function fillRelayer(bytes32 relayHash) view returns (address)',
  'function FILL_ATTESTATION() view returns (bytes32)',
  'function EXPIRY_ATTESTATION() view returns (bytes32)',
  'function deposit(address depositor, address recipient, address inputToken, address outputToken, uint256 inputAmount, uint256 outputAmount, uint256 destinationChainId, uint32 fillDeadline, bytes message) returns (uint32 depositId)',
  'function fillRelay(RelayData relay)',
  'function claimRepayment(RelayData relay, address relayer, bytes signature)',
  'function refundExpired(RelayData relay, bytes signature)',
  'event FundsDeposited(bytes32 indexed relayHash, uint32 indexed depositId, address indexed depositor, RelayData relay)',
  'event FilledRelay(bytes32 indexed relayHash, uint256 indexed originChainId, uint32 indexed depositId, address relayer, address recipient, address outputToken, uint256 outputAmount)',
  'event RelayerRepaid(bytes32 indexed relayHash, uint32 indexed depositId, address indexed relayer, uint256 amount)',
  'event DepositRefunded(bytes32 indexed relayHash, uint32 indexed depositId, address indexed depositor, uint256 amount)',
  'error ZeroAmount(string field)',
  'error OutputAboveInput(uint256 outputAmount, uint256 inputAmount)',
  'error SameChain(uint256 chainId)',
  'error InvalidFillDeadline(uint32 fillDeadline, uint256 timestamp)',
  'error WrongChain(uint256 expected, uint256 actual)',
  'error FillExpired(uint32 fillDeadline, uint256 timestamp)',
  'error AlreadyFilled(bytes32 relayHash, address relayer)',
  'error UnknownDeposit(uint32 depositId)',
  'error DepositSettled(uint32 depositId, uint8 state)',
  'error BadAttestation(address signer)',
  'error TransferFailed(address token)',
]);

/** A deposit as the spoke pool hashes it (`relayHash = keccak256(abi.encode(relay))`). */
export type RelayData = {
  depositor: `0x${string}`;
  recipient: `0x${string}`;
  inputToken: `0x${string}`;
  outputToken: `0x${string}`;
  inputAmount: bigint;
  outputAmount: bigint;
  originChainId: bigint;
  destinationChainId: bigint;
  depositId: number;
  fillDeadline: number;
  message: `0x${string}`;
};

/** IntentSpokePool.DepositState, by its on-chain number. */
export const DEPOSIT_STATE = { none: 0, escrowed: 1, repaid: 2, refunded: 3 } as const;
