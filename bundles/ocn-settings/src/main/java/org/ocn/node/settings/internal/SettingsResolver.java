package org.ocn.node.settings.internal;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges the node's configuration sources into typed values. Precedence, highest first: the command line
 * ({@code -Dkey=value} given to {@code bin/ocn-node}, or a framework property of that name), the environment
 * ({@code OCN_NODE_APIKEY}: upper case, dots as underscores; camel case may be split, as in
 * {@code OCN_NODE_PRIVATE_KEY}; a few aliases of the reference node v2), the file {@code etc/ocn-node.properties},
 * then the defaults. A value may refer to another key as {@code ${key}}.
 *
 * <p>Pure: it reads nothing itself, so that precedence and checks are unit-tested without a framework.
 */
final class SettingsResolver {

    /** secp256k1 group order: a private key must lie in [1, n-1]. */
    private static final BigInteger SECP256K1_N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern HEX_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    /**
     * The inputs.
     *
     * @param file               the properties of {@code etc/ocn-node.properties}
     * @param environment        environment variables, by name (only those the launcher passed on)
     * @param commandLine        {@code -Dkey=value} pairs given to the launcher
     * @param frameworkProperty  framework properties, by name ({@code null} when unset)
     * @param installDir         the installation folder, against which relative paths are resolved
     * @param defaultDataDir     the data folder when {@code ocn.node.dataDir} is not set
     */
    record Sources(Map<String, String> file, Map<String, String> environment, Map<String, String> commandLine,
                   Function<String, String> frameworkProperty, Path installDir, Path defaultDataDir) {
    }

    /**
     * The outcome.
     *
     * @param values   typed values by key (Integer, Long, Boolean or String); secrets left unset are absent
     * @param origins  where each value came from, by key
     * @param warnings unknown keys and overridden aliases, one sentence each
     * @param errors   invalid values, one sentence each; when not empty the configuration must not be used
     */
    record Resolution(Map<String, Object> values, Map<String, String> origins, List<String> warnings,
                      List<String> errors) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    private SettingsResolver() {
    }

    static Resolution resolve(Sources sources) {
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();

        for (Setting s : SettingsCatalogue.SETTINGS) {
            if (s.defaultValue() != null) {
                raw.put(s.key(), s.defaultValue());
                origins.put(s.key(), "default");
            }
        }
        sources.file().forEach((key, value) -> {
            if (SettingsCatalogue.find(key).isPresent()) {
                raw.put(key, value.trim());
                origins.put(key, "etc/ocn-node.properties");
            } else {
                warnings.add("unknown key '" + key + "' in etc/ocn-node.properties is ignored");
            }
        });
        Map<String, String> fromEnvironment = new LinkedHashMap<>();
        sources.environment().forEach((variable, value) -> {
            var key = SettingsCatalogue.keyForEnvironment(variable);
            if (key.isEmpty()) {
                if (variable.startsWith("OCN_NODE_")) {
                    warnings.add("unknown environment variable " + variable + " is ignored");
                }
                return;
            }
            String previous = fromEnvironment.get(key.get());
            boolean isAlias = SettingsCatalogue.ENVIRONMENT_ALIASES.containsKey(variable);
            if (previous != null && isAlias) {
                warnings.add("environment variable " + variable + " is ignored: " + key.get() + " is set by another variable");
                return;
            }
            fromEnvironment.put(key.get(), variable);
            raw.put(key.get(), value.trim());
            origins.put(key.get(), "environment " + variable);
        });
        for (Setting s : SettingsCatalogue.SETTINGS) {
            String fromFramework = sources.frameworkProperty().apply(s.key());
            if (fromFramework != null) {
                raw.put(s.key(), fromFramework.trim());
                origins.put(s.key(), "command line");
            }
        }
        sources.commandLine().forEach((key, value) -> {
            if (SettingsCatalogue.find(key).isPresent()) {
                raw.put(key, value.trim());
                origins.put(key, "command line");
            } else {
                warnings.add("unknown key '" + key + "' on the command line is ignored");
            }
        });
        // Jetty learns its port from the launcher; without a server.port anywhere, trust what Jetty was given.
        if ("default".equals(origins.get(SettingsCatalogue.SERVER_PORT))) {
            String httpPort = sources.frameworkProperty().apply("org.osgi.service.http.port");
            if (httpPort != null) {
                raw.put(SettingsCatalogue.SERVER_PORT, httpPort.trim());
                origins.put(SettingsCatalogue.SERVER_PORT, "framework property org.osgi.service.http.port");
            }
        }

        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting s : SettingsCatalogue.SETTINGS) {
            String value = raw.get(s.key());
            if (value != null) {
                value = substitute(s.key(), value, raw, errors);
            }
            if (value == null || (value.isEmpty() && (s.kind() == Setting.Kind.SECRET
                    || s.kind() == Setting.Kind.PRIVATE_KEY || s.kind() == Setting.Kind.PATH))) {
                if (s.kind() == Setting.Kind.PATH) {
                    values.put(s.key(), sources.defaultDataDir().toAbsolutePath().normalize().toString());
                    origins.put(s.key(), "default");
                }
                continue;
            }
            Object typed = typed(s, value, sources.installDir(), errors, origins.get(s.key()));
            if (typed != null) {
                values.put(s.key(), typed);
            }
        }
        // the shell port follows the HTTP port, so that a second node gets its own (8080 -> 8101, as Karaf's default)
        if (!values.containsKey(SettingsCatalogue.SHELL_PORT) && values.get(SettingsCatalogue.SERVER_PORT) instanceof Integer port) {
            values.put(SettingsCatalogue.SHELL_PORT, port + 21 <= 65535 ? port + 21 : 8101);
            origins.put(SettingsCatalogue.SHELL_PORT, "default");
        }
        return new Resolution(values, origins, warnings, errors);
    }

    private static String substitute(String key, String value, Map<String, String> raw, List<String> errors) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String replacement = raw.get(ref);
            if (replacement == null || REFERENCE.matcher(replacement).find()) {
                errors.add(key + ": cannot resolve ${" + ref + "}");
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object typed(Setting s, String value, Path installDir, List<String> errors, String origin) {
        String where = s.key() + " (" + origin + ")";
        switch (s.kind()) {
            case PORT:
                try {
                    int port = Integer.parseInt(value);
                    if (port >= 1 && port <= 65535) {
                        return port;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                errors.add(where + ": '" + value + "' is not a port number (1-65535)");
                return null;
            case BOOLEAN:
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                    return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
                }
                errors.add(where + ": '" + value + "' is not true or false");
                return null;
            case POSITIVE_LONG:
                try {
                    long l = Long.parseLong(value);
                    if (l > 0) {
                        return l;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                errors.add(where + ": '" + value + "' is not a positive number of milliseconds");
                return null;
            case HOST:
                if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
                    errors.add(where + ": '" + value + "' is not a host name or address");
                    return null;
                }
                return value;
            case HTTP_URL:
                return httpUrl(where, value, errors);
            case COUNTRY_CODE:
                if (value.length() == 2 && value.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                    return value.toUpperCase(Locale.ROOT);
                }
                errors.add(where + ": '" + value + "' is not a two-letter country code");
                return null;
            case PARTY_ID:
                if (value.length() == 3 && value.chars().allMatch(Character::isLetterOrDigit)
                        && value.chars().allMatch(c -> c < 0x80)) {
                    return value.toUpperCase(Locale.ROOT);
                }
                errors.add(where + ": '" + value + "' is not a three-character party id");
                return null;
            case PATH:
                Path p = Path.of(value);
                return (p.isAbsolute() ? p : installDir.resolve(p)).toAbsolutePath().normalize().toString();
            case SECRET:
                if (value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    return value;
                }
                errors.add(where + ": must be printable ASCII without spaces");
                return null;
            case PRIVATE_KEY:
                return privateKey(where, value, errors);
            case TEXT:
            default:
                return value;
        }
    }

    private static Object httpUrl(String where, String value, List<String> errors) {
        String url = value;
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        errors.add(where + ": '" + value + "' is not an absolute http(s) URL without query");
        return null;
    }

    /** @return the key as 64 lower-case hex digits without 0x, or null (and an error) if it is not a valid key */
    static String privateKey(String where, String value, List<String> errors) {
        if (!HEX_KEY.matcher(value).matches()) {
            errors.add(where + ": not 32 bytes of hex (64 hex digits, optionally prefixed 0x)");
            return null;
        }
        String hex = value.startsWith("0x") ? value.substring(2) : value;
        BigInteger k = new BigInteger(hex, 16);
        if (k.signum() == 0 || k.compareTo(SECP256K1_N) >= 0) {
            errors.add(where + ": not a valid secp256k1 private key (out of range)");
            return null;
        }
        return hex.toLowerCase(Locale.ROOT);
    }
}
