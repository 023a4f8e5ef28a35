// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

interface IERC20Spoke {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @notice A contract recipient of a fill with a message (a destination action), as Across's
/// `handleV3AcrossMessage`: called right after the output tokens reach it, in the fill's transaction.
interface IBridgeMessageHandler {
    function handleBridgeMessage(address token, uint256 amount, address relayer, bytes calldata message) external;
}

/// @title IntentSpokePool
/// @notice The local world's intent bridge, one per chain, modelled on Across V3's SpokePool.
/// Origin side: `deposit` escrows the input tokens with a fill deadline, the destination
/// recipient and the output amount (input minus the relayer's fee). Destination side: any
/// relayer `fillRelay`s with its own inventory before the deadline, once per deposit, paying the
/// recipient and running its destination action. Back on the origin, the escrow is released to
/// the relayer on proof of fill, or refunded to the depositor once the deadline has passed
/// unfilled. The proof is an attestation signed by `attester`, a key both chains trust: it
/// stands in for Across's optimistic oracle (UMA) and HubPool, which settle fills across chains
/// on a real network. The attester signs a fill only after reading it on the destination, and an
/// expiry only once the destination's clock is past the deadline with no fill (the destination
/// refuses fills after the deadline, so an expired deposit can never be filled later).
contract IntentSpokePool {
    struct RelayData {
        address depositor; // refunded on the origin chain if never filled
        address recipient; // paid on the destination chain
        address inputToken; // on the origin chain
        address outputToken; // on the destination chain
        uint256 inputAmount;
        uint256 outputAmount; // inputAmount minus the relayer's fee
        uint256 originChainId;
        uint256 destinationChainId;
        uint32 depositId;
        uint32 fillDeadline; // unix seconds on the destination chain's clock
        bytes message; // destination action for a contract recipient; empty for none
    }

    enum DepositState {
        None,
        Escrowed,
        Repaid,
        Refunded
    }

    /// @dev Domain tags of the two attestations (EIP-191 signed over keccak256 of the encoding).
    bytes32 public constant FILL_ATTESTATION = keccak256("HedgeRouterBridge.Fill(address spokePool,bytes32 relayHash,address relayer)");
    bytes32 public constant EXPIRY_ATTESTATION = keccak256("HedgeRouterBridge.Expiry(address spokePool,bytes32 relayHash)");

    address public immutable attester;
    uint32 public numberOfDeposits;

    /// @notice Origin side: the relay hash and state of each deposit made here.
    mapping(uint32 => bytes32) public depositRelayHash;
    mapping(uint32 => DepositState) public depositState;
    /// @notice Destination side: who filled each relay hash (zero = unfilled).
    mapping(bytes32 => address) public fillRelayer;

    event FundsDeposited(bytes32 indexed relayHash, uint32 indexed depositId, address indexed depositor, RelayData relay);
    event FilledRelay(
        bytes32 indexed relayHash,
        uint256 indexed originChainId,
        uint32 indexed depositId,
        address relayer,
        address recipient,
        address outputToken,
        uint256 outputAmount
    );
    event RelayerRepaid(bytes32 indexed relayHash, uint32 indexed depositId, address indexed relayer, uint256 amount);
    event DepositRefunded(bytes32 indexed relayHash, uint32 indexed depositId, address indexed depositor, uint256 amount);

    error ZeroAmount(string field);
    error OutputAboveInput(uint256 outputAmount, uint256 inputAmount);
    error SameChain(uint256 chainId);
    error InvalidFillDeadline(uint32 fillDeadline, uint256 timestamp);
    error WrongChain(uint256 expected, uint256 actual);
    error FillExpired(uint32 fillDeadline, uint256 timestamp);
    error AlreadyFilled(bytes32 relayHash, address relayer);
    error UnknownDeposit(uint32 depositId);
    error DepositSettled(uint32 depositId, DepositState state);
    error BadAttestation(address signer);
    error TransferFailed(address token);

    constructor(address attester_) {
        attester = attester_;
    }

    /// @notice Escrows `inputAmount` of `inputToken` from the caller for a fill of `outputAmount`
    /// of `outputToken` to `recipient` on `destinationChainId` by `fillDeadline`. `depositor` is
    /// who is refunded if it is never filled (the caller may deposit on someone's behalf).
    function deposit(
        address depositor,
        address recipient,
        address inputToken,
        address outputToken,
        uint256 inputAmount,
        uint256 outputAmount,
        uint256 destinationChainId,
        uint32 fillDeadline,
        bytes calldata message
    ) external returns (uint32 depositId) {
        if (inputAmount == 0) revert ZeroAmount("inputAmount");
        if (outputAmount == 0) revert ZeroAmount("outputAmount");
        // The same asset on both sides (a route is a token and its counterpart): the fee is the difference.
        if (outputAmount > inputAmount) revert OutputAboveInput(outputAmount, inputAmount);
        if (destinationChainId == block.chainid) revert SameChain(destinationChainId);
        if (fillDeadline <= block.timestamp) revert InvalidFillDeadline(fillDeadline, block.timestamp);

        depositId = numberOfDeposits++;
        RelayData memory relay = RelayData({
            depositor: depositor,
            recipient: recipient,
            inputToken: inputToken,
            outputToken: outputToken,
            inputAmount: inputAmount,
            outputAmount: outputAmount,
            originChainId: block.chainid,
            destinationChainId: destinationChainId,
            depositId: depositId,
            fillDeadline: fillDeadline,
            message: message
        });
        bytes32 relayHash = keccak256(abi.encode(relay));
        depositRelayHash[depositId] = relayHash;
        depositState[depositId] = DepositState.Escrowed;
        if (!IERC20Spoke(inputToken).transferFrom(msg.sender, address(this), inputAmount)) revert TransferFailed(inputToken);
        emit FundsDeposited(relayHash, depositId, depositor, relay);
    }

    /// @notice Destination side: the caller (a relayer) pays `relay.outputAmount` of its own
    /// tokens to the recipient and runs the destination action, once per relay, before the deadline.
    function fillRelay(RelayData calldata relay) external {
        if (relay.destinationChainId != block.chainid) revert WrongChain(relay.destinationChainId, block.chainid);
        if (block.timestamp > relay.fillDeadline) revert FillExpired(relay.fillDeadline, block.timestamp);
        bytes32 relayHash = keccak256(abi.encode(relay));
        address filledBy = fillRelayer[relayHash];
        if (filledBy != address(0)) revert AlreadyFilled(relayHash, filledBy);
        fillRelayer[relayHash] = msg.sender;

        if (!IERC20Spoke(relay.outputToken).transferFrom(msg.sender, relay.recipient, relay.outputAmount)) {
            revert TransferFailed(relay.outputToken);
        }
        if (relay.message.length > 0) {
            IBridgeMessageHandler(relay.recipient).handleBridgeMessage(
                relay.outputToken, relay.outputAmount, msg.sender, relay.message
            );
        }
        emit FilledRelay(
            relayHash, relay.originChainId, relay.depositId, msg.sender, relay.recipient, relay.outputToken, relay.outputAmount
        );
    }

    /// @notice Origin side: releases the escrow to the relayer that filled, on the attester's proof of fill.
    function claimRepayment(RelayData calldata relay, address relayer, bytes calldata signature) external {
        bytes32 relayHash = _escrowed(relay);
        _checkAttestation(keccak256(abi.encode(FILL_ATTESTATION, address(this), relayHash, relayer)), signature);
        depositState[relay.depositId] = DepositState.Repaid;
        if (!IERC20Spoke(relay.inputToken).transfer(relayer, relay.inputAmount)) revert TransferFailed(relay.inputToken);
        emit RelayerRepaid(relayHash, relay.depositId, relayer, relay.inputAmount);
    }

    /// @notice Origin side: returns the escrow to the depositor of a deposit the attester saw
    /// expire unfilled on the destination. Anyone may send it; the funds only go to the depositor.
    function refundExpired(RelayData calldata relay, bytes calldata signature) external {
        bytes32 relayHash = _escrowed(relay);
        _checkAttestation(keccak256(abi.encode(EXPIRY_ATTESTATION, address(this), relayHash)), signature);
        depositState[relay.depositId] = DepositState.Refunded;
        if (!IERC20Spoke(relay.inputToken).transfer(relay.depositor, relay.inputAmount)) {
            revert TransferFailed(relay.inputToken);
        }
        emit DepositRefunded(relayHash, relay.depositId, relay.depositor, relay.inputAmount);
    }

    function _escrowed(RelayData calldata relay) private view returns (bytes32 relayHash) {
        if (relay.originChainId != block.chainid) revert WrongChain(relay.originChainId, block.chainid);
        relayHash = keccak256(abi.encode(relay));
        if (depositRelayHash[relay.depositId] != relayHash) revert UnknownDeposit(relay.depositId);
        DepositState state = depositState[relay.depositId];
        if (state != DepositState.Escrowed) revert DepositSettled(relay.depositId, state);
    }

    function _checkAttestation(bytes32 digest, bytes calldata signature) private view {
        if (signature.length != 65) revert BadAttestation(address(0));
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        bytes32 signed = keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", digest));
        address signer = ecrecover(signed, v, r, s);
        if (signer == address(0) || signer != attester) revert BadAttestation(signer);
    }
}
