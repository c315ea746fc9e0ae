package org.ocn.node.registry.chain.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.ocn.node.registry.RegistryPublisher.PublicationException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGasPrice;
import org.web3j.protocol.core.methods.response.EthGetTransactionCount;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Transactions from one account (the node's operator account, which pays the gas), built and signed locally with
 * web3j's crypto ({@link RawTransaction}, {@link TransactionEncoder}: legacy transactions with the chain id, EIP-155)
 * and sent with {@code eth_sendRawTransaction} through the bundle's own JSON-RPC transport, so that neither web3j's
 * {@code Web3j} client nor its OkHttp and RxJava are needed. One transaction at a time: the nonce is read afresh
 * ({@code pending}) for each. A refusal of the contract (at gas estimation or in the mined receipt) is reported with
 * its revert reason and is not retryable; everything else (chain unreachable, not mined in time) is.
 */
final class ChainTransactions {

    private static final BigInteger NO_VALUE = BigInteger.ZERO;

    private final Web3jService service;
    private final Credentials sender;
    private final Duration receiptTimeout;
    private final Duration receiptPoll;
    private volatile Long chainId;

    ChainTransactions(Web3jService service, String senderKey, Duration receiptTimeout, Duration receiptPoll) {
        this.service = service;
        this.sender = Credentials.create(senderKey);
        this.receiptTimeout = receiptTimeout;
        this.receiptPoll = receiptPoll;
    }

    /** @return the sender's address, in lower case */
    String sender() {
        return sender.getAddress();
    }

    /**
     * Sends a call to a contract and waits until it is mined.
     *
     * @param what names the call in messages, for example {@code setPartyRaw}
     * @return the transaction's hash
     */
    synchronized String send(String to, String data, String what) throws PublicationException {
        try {
            long chain = chainId();
            BigInteger gas = estimateGas(to, data, what);
            BigInteger gasPrice = rpc("eth_gasPrice", List.of(), EthGasPrice.class).getGasPrice();
            BigInteger nonce = rpc("eth_getTransactionCount", Arrays.asList(sender.getAddress(),
                    DefaultBlockParameterName.PENDING), EthGetTransactionCount.class).getTransactionCount();
            RawTransaction tx = RawTransaction.createTransaction(nonce, gasPrice, gas, to, NO_VALUE, data);
            String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, chain, sender));
            EthSendTransaction sent = new Request<>("eth_sendRawTransaction", List.of(signed), service,
                    EthSendTransaction.class).send();
            if (sent.hasError()) {
                String message = sent.getError().getMessage();
                throw new PublicationException(what + " not accepted by the chain: " + message,
                        !message.toLowerCase(Locale.ROOT).contains("revert"), null);
            }
            TransactionReceipt receipt = awaitReceipt(sent.getTransactionHash(), what);
            if (!receipt.isStatusOK()) {
                throw new PublicationException(what + " reverted in transaction " + receipt.getTransactionHash()
                        + ": " + revertReason(to, data, receipt.getBlockNumber()), false, null);
            }
            return receipt.getTransactionHash();
        } catch (IOException e) {
            throw new PublicationException(what + ": the chain could not be reached: " + e.getMessage(), true, e);
        }
    }

    private long chainId() throws IOException {
        Long known = chainId;
        if (known == null) {
            known = rpc("eth_chainId", List.of(), EthChainId.class).getChainId().longValueExact();
            chainId = known;
        }
        return known;
    }

    /** @return the gas the call needs, with a margin; a refusal of the contract shows here first */
    private BigInteger estimateGas(String to, String data, String what) throws IOException, PublicationException {
        EthEstimateGas estimate = new Request<>("eth_estimateGas",
                List.of(Transaction.createEthCallTransaction(sender.getAddress(), to, data)), service,
                EthEstimateGas.class).send();
        if (estimate.hasError()) {
            String message = estimate.getError().getMessage();
            throw new PublicationException(what + " refused: " + message,
                    !message.toLowerCase(Locale.ROOT).contains("revert"), null);
        }
        BigInteger gas = estimate.getAmountUsed();
        return gas.add(gas.divide(BigInteger.valueOf(5)));
    }

    private TransactionReceipt awaitReceipt(String hash, String what) throws IOException, PublicationException {
        long deadline = System.nanoTime() + receiptTimeout.toNanos();
        while (true) {
            Optional<TransactionReceipt> receipt = rpc("eth_getTransactionReceipt", List.of(hash),
                    EthGetTransactionReceipt.class).getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (System.nanoTime() > deadline) {
                throw new PublicationException(what + ": transaction " + hash + " not mined within "
                        + receiptTimeout.toSeconds() + " s", true, null);
            }
            try {
                Thread.sleep(receiptPoll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublicationException(what + ": interrupted while waiting for transaction " + hash, true, e);
            }
        }
    }

    /** @return why the call reverted, read by replaying it as {@code eth_call} at its block */
    private String revertReason(String to, String data, BigInteger block) {
        try {
            EthCall replay = new Request<>("eth_call", Arrays.asList(
                    Transaction.createEthCallTransaction(sender.getAddress(), to, data),
                    DefaultBlockParameter.valueOf(block)), service, EthCall.class).send();
            if (replay.hasError()) {
                return replay.getError().getMessage();
            }
            return replay.isReverted() ? replay.getRevertReason() : "no reason given";
        } catch (IOException e) {
            return "no reason read (" + e.getMessage() + ")";
        }
    }

    private <T extends Response<?>> T rpc(String method, List<?> params, Class<T> type) throws IOException {
        T response = new Request<>(method, params == null ? Collections.emptyList() : params, service, type).send();
        if (response.hasError()) {
            throw new IOException(method + ": " + response.getError().getMessage());
        }
        return response;
    }
}
