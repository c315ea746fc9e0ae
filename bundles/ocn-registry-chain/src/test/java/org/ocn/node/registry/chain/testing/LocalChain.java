package org.ocn.node.registry.chain.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes2;
import org.web3j.abi.datatypes.generated.Bytes3;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real local Ethereum chain for tests: anvil (from the npm package installed by the build in
 * {@code src/test/chain}) on a free loopback port, with the OCN Registry and Permissions contracts deployed from the
 * bytecode of {@code @shareandcharge/ocn-registry}, at the addresses its CLI expects for the "local" network. Shared
 * through this module's test jar.
 */
public final class LocalChain implements AutoCloseable {

    /** The public development mnemonic of the OCN projects; its keys are for tests only. */
    public static final String MNEMONIC = "candy maple cake sugar pudding cream honey rich smooth crumble sweet treat";

    /** Accounts 0-5 of the mnemonic (registry.md §2.5). Account 0 deploys the contracts. */
    public static final List<String> KEYS = List.of(
            "0xc87509a1c067bbde78beb793e6fa76530b6382a4c0241e5e4a9ec0a0f44dc0d3",
            "0xae6ae8e5ccbfb04590405997ee2d52d2b330726137b875053c36d94e974d162f",
            "0x0dbbe8e4ae425a6d2687f1a7e3ba17bc98c673636790f1b8ad91193c05875ef1",
            "0xc88b703fb08cbea894b6aeff5a544fb92e78a18e19814cd85da83b71f772aa6c",
            "0x388c684f0ba1ef5017716adb5d21a053ea8e90277d0868337519f97bede61418",
            "0x659cbb0e2411a44db63778987b1e22153c086a95eb6b18bdf89de078917abc63");

    private static final long CHAIN_ID = 9;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process anvil;
    private final String url;
    private final HttpService rpc;
    private final Web3j web3;
    private final Path chainDir;
    private String registry;
    private String permissions;

    private LocalChain(Path chainDir, Process anvil, String url) {
        this.chainDir = chainDir;
        this.anvil = anvil;
        this.url = url;
        this.rpc = new HttpService(url);
        this.web3 = Web3j.build(rpc);
    }

    /** @return the folder with the installed npm packages (system property ocn.chain.dir, or found from here) */
    public static Path chainDir() {
        String configured = System.getProperty("ocn.chain.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("bundles/ocn-registry-chain/src/test/chain");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find bundles/ocn-registry-chain/src/test/chain; set ocn.chain.dir");
    }

    /** Starts anvil on a free port and deploys the contracts. */
    public static LocalChain start() throws Exception {
        Path dir = chainDir();
        Path binary = dir.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: the build installs it (npm ci in " + dir + ")");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--chain-id", String.valueOf(CHAIN_ID), "--mnemonic", MNEMONIC, "--accounts", "20",
                "--gas-limit", "30000000", "--base-fee", "0", "--silent")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        LocalChain chain = new LocalChain(dir, p, "http://127.0.0.1:" + port);
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                chain.web3.ethChainId().send();
                break;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("anvil did not start on port " + port);
                }
                Thread.sleep(25);
            }
        }
        chain.deploy();
        return chain;
    }

    public String url() {
        return url;
    }

    public String registry() {
        return registry;
    }

    public String permissions() {
        return permissions;
    }

    public static String address(String key) {
        return Credentials.create(key).getAddress();
    }

    /**
     * A new account for a party that lists itself, as a real party does with its own key: a fresh random key whose
     * account anvil credits with 1000 ether ({@code anvil_setBalance}).
     *
     * @return the new account's private key (hex, 0x-prefixed)
     */
    public String fundedKey() throws Exception {
        BigInteger order = Sign.CURVE_PARAMS.getN();
        BigInteger secret;
        do {
            secret = new BigInteger(256, RANDOM);
        } while (secret.signum() == 0 || secret.compareTo(order) >= 0);
        String key = Numeric.toHexStringWithPrefixZeroPadded(secret, 64);
        VoidResponse funded = new Request<>("anvil_setBalance", List.of(address(key),
                Numeric.toHexStringWithPrefix(BigInteger.TEN.pow(21))), rpc, VoidResponse.class).send();
        if (funded.hasError()) {
            throw new IllegalStateException("anvil_setBalance failed: " + funded.getError().getMessage());
        }
        return key;
    }

    private void deploy() throws Exception {
        JsonNode defs = new ObjectMapper().readTree(Files.readString(
                chainDir.resolve("node_modules/@shareandcharge/ocn-registry/contract.defs.local.json"), StandardCharsets.UTF_8));
        // account 0 at nonces 2 and 3 gives the addresses the registry CLI expects for "local"
        String deployer = KEYS.get(0);
        send(deployer, address(deployer), "0x");
        send(deployer, address(deployer), "0x");
        registry = send(deployer, null, defs.at("/Registry/bytecode").asText()).getContractAddress();
        permissions = send(deployer, null, defs.at("/Permissions/bytecode").asText()
                + FunctionEncoder.encodeConstructor(List.of(new Address(registry))).replaceFirst("^0x", "")).getContractAddress();
    }

    private TransactionReceipt send(String key, String to, String data) throws Exception {
        RawTransactionManager tm = new RawTransactionManager(web3, Credentials.create(key), CHAIN_ID);
        BigInteger gasPrice = web3.ethGasPrice().send().getGasPrice();
        EthSendTransaction sent = tm.sendTransaction(gasPrice, BigInteger.valueOf(8_000_000), to, data, BigInteger.ZERO,
                to == null);
        if (sent.hasError()) {
            throw new IllegalStateException("transaction failed: " + sent.getError().getMessage());
        }
        TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3, 25, 400)
                .waitForTransactionReceipt(sent.getTransactionHash());
        if (!receipt.isStatusOK()) {
            throw new IllegalStateException("transaction reverted: " + receipt);
        }
        return receipt;
    }

    private void call(String key, String contract, String function, Type<?>... inputs) throws Exception {
        send(key, contract, FunctionEncoder.encode(new Function(function, List.of(inputs), List.of())));
    }

    /** The operator behind the key lists its node at {@code domain}. */
    public void setNode(String key, String domain) throws Exception {
        call(key, registry, "setNode", new Utf8String(domain));
    }

    public void deleteNode(String key) throws Exception {
        call(key, registry, "deleteNode");
    }

    /** The party behind the key lists itself with roles (registry enum numbers) and a node operator. */
    public void setParty(String key, String countryCode, String partyId, List<Integer> roles, String operator)
            throws Exception {
        List<Uint8> r = new ArrayList<>();
        roles.forEach(x -> r.add(new Uint8(x)));
        call(key, registry, "setParty", new Bytes2(countryCode.getBytes(StandardCharsets.US_ASCII)),
                new Bytes3(partyId.getBytes(StandardCharsets.US_ASCII)), new DynamicArray<>(Uint8.class, r),
                new Address(operator));
    }

    public void deleteParty(String key) throws Exception {
        call(key, registry, "deleteParty");
    }

    /** The party behind the key publishes a service with the permissions it needs. */
    public void setService(String key, String name, String url, List<Integer> needs) throws Exception {
        List<Uint256> p = new ArrayList<>();
        needs.forEach(x -> p.add(new Uint256(x)));
        call(key, permissions, "setService", new Utf8String(name), new Utf8String(url), new DynamicArray<>(Uint256.class, p));
    }

    public void createAgreement(String userKey, String provider) throws Exception {
        call(userKey, permissions, "createAgreement", new Address(provider));
    }

    public void revokeAgreement(String userKey, String provider) throws Exception {
        call(userKey, permissions, "revokeAgreement", new Address(provider));
    }

    /**
     * A service as the Permissions contract's {@code getService} answers it (empty name and URL: none).
     *
     * @param countryCode the provider's country code, from the Registry
     * @param partyId     the provider's party id, from the Registry
     * @param name        its name
     * @param url         its URL
     * @param permissions its permission ids
     */
    public record Service(String countryCode, String partyId, String name, String url, List<Integer> permissions) {
    }

    /** @return the provider's service, read from the Permissions contract */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Service service(String provider) throws Exception {
        List outputs = List.of(new TypeReference<Bytes2>() { }, new TypeReference<Bytes3>() { },
                new TypeReference<Utf8String>() { }, new TypeReference<Utf8String>() { },
                new TypeReference<DynamicArray<Uint256>>() { });
        List<Type> out = read(permissions, new Function("getService", List.of(new Address(provider)), outputs));
        List<Integer> ids = new ArrayList<>();
        for (Object n : ((DynamicArray<Type>) out.get(4)).getValue()) {
            ids.add(((BigInteger) ((Type) n).getValue()).intValue());
        }
        return new Service(ascii((byte[]) out.get(0).getValue()), ascii((byte[]) out.get(1).getValue()),
                out.get(2).getValue().toString(), out.get(3).getValue().toString(), ids);
    }

    /** @return the node operator the party at this address is listed with (the zero address when none) */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public String operatorOf(String party) throws Exception {
        List outputs = List.of(new TypeReference<Address>() { }, new TypeReference<Utf8String>() { });
        return read(registry, new Function("getOperatorByAddress", List.of(new Address(party)), outputs))
                .get(0).getValue().toString();
    }

    private List<Type> read(String contract, Function function) throws Exception {
        String result = web3.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
                null, contract, FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST).send().getValue();
        return FunctionReturnDecoder.decode(result, function.getOutputParameters());
    }

    private static String ascii(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    /** Stops the chain (for the tests of what happens when it is unreachable). */
    @Override
    public void close() throws InterruptedException {
        web3.shutdown();
        anvil.destroy();
        if (!anvil.waitFor(10, TimeUnit.SECONDS)) {
            anvil.destroyForcibly();
        }
    }

}
