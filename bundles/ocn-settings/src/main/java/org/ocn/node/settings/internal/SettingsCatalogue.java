package org.ocn.node.settings.internal;

import static org.ocn.node.settings.internal.Setting.Kind.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key the node knows, with its kind and default. The reference node's names are kept so that its operators
 * can move over unchanged; {@code etc/ocn-node.properties} documents the same keys (a test keeps the two equal).
 */
final class SettingsCatalogue {

    static final String SERVER_PORT = "server.port";
    static final String SERVER_ADDRESS = "server.address";
    static final String URL = "ocn.node.url";
    static final String APIKEY = "ocn.node.apikey";
    static final String PRIVATE_KEY = "ocn.node.privateKey";
    static final String DATA_DIR = "ocn.node.dataDir";
    static final String SHELL_PORT = "ocn.node.shellPort";

    static final List<Setting> SETTINGS = List.of(
            new Setting(SERVER_PORT, PORT, "8080", true),
            new Setting(SERVER_ADDRESS, HOST, "0.0.0.0", true),
            new Setting(URL, HTTP_URL, "http://localhost:${server.port}", true),
            new Setting(APIKEY, SECRET, null, true),
            new Setting(PRIVATE_KEY, Setting.Kind.PRIVATE_KEY, null, true),
            new Setting("ocn.node.dev", BOOLEAN, "false", false),
            new Setting("ocn.node.signatures", BOOLEAN, "false", true),
            new Setting("ocn.node.web3.provider", TEXT, "", true),
            new Setting("ocn.node.web3.contracts.registry", TEXT, "", true),
            new Setting("ocn.node.web3.contracts.permissions", TEXT, "", true),
            new Setting("ocn.node.stillAliveEnabled", BOOLEAN, "true", true),
            new Setting("ocn.node.stillAliveRate", POSITIVE_LONG, "900000", true),
            new Setting("ocn.node.plannedPartySearchEnabled", BOOLEAN, "true", true),
            new Setting("ocn.node.plannedPartySearchRate", POSITIVE_LONG, "3600000", true),
            new Setting("ocn.node.serviceInterfaceEnabled", BOOLEAN, "true", true),
            new Setting("ocn.node.plugins.repositories", TEXT, "https://repo1.maven.org/maven2/", true),
            new Setting("ocn.node.plugins.upload", BOOLEAN, "true", true),
            new Setting("ocn.node.plugins.grace", POSITIVE_LONG, "5000", true),
            new Setting(DATA_DIR, PATH, null, true),
            new Setting("ocn.node.countryCode", COUNTRY_CODE, "CH", true),
            new Setting("ocn.node.partyId", PARTY_ID, "OCN", true),
            new Setting("ocn.node.name", TEXT, "Open Charging Network Node", true),
            new Setting(SHELL_PORT, PORT, null, true));

    /** Environment names used by the reference node v2, accepted as aliases (decisions §9). */
    static final Map<String, String> ENVIRONMENT_ALIASES = Map.of(
            "OCN_NODE_ADMIN_KEY", APIKEY,
            "OCN_NODE_ENABLE_SIGNING", "ocn.node.signatures",
            "OCN_NODE_DEV_MODE", "ocn.node.dev");

    private static final Map<String, Setting> BY_KEY = index();

    private static Map<String, Setting> index() {
        Map<String, Setting> byKey = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            byKey.put(s.key(), s);
        }
        return java.util.Collections.unmodifiableMap(byKey);
    }

    private SettingsCatalogue() {
    }

    static Optional<Setting> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** @return the key an environment variable sets, if it names one */
    static Optional<String> keyForEnvironment(String variable) {
        String alias = ENVIRONMENT_ALIASES.get(variable);
        if (alias != null) {
            return Optional.of(alias);
        }
        for (Setting s : SETTINGS) {
            if (s.environmentName().equals(variable) || s.splitEnvironmentName().equals(variable)) {
                return Optional.of(s.key());
            }
        }
        return Optional.empty();
    }
}
