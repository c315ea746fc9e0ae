package org.ocn.node.settings.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the node's configuration as ConfigAdmin PID {@value NodeConfiguration#PID} when the bundle starts.
 *
 * <p>Sources: {@code ${karaf.etc}/ocn-node.properties}; and, when the node was started by {@code bin/ocn-node}, the
 * environment variables and {@code -D} arguments it was given, which the launcher writes to
 * {@code ${karaf.data}/launch/} (so that no bundle reads the process environment itself). The launcher stamps those
 * files with the launch time it also passes as framework property {@value #LAUNCHED_AT}; files from an earlier
 * launch are ignored. Unset
 * secrets are generated once and kept in the data folder. An invalid configuration is reported and not published:
 * the components that need it then stay inactive and {@code /health} names the errors.
 */
@Component(name = "ocn.settings", immediate = true, configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE,
        property = HealthIndicator.NAME + "=settings")
@Designate(ocd = NodeConfiguration.class)
public class SettingsPublisher implements HealthIndicator {

    /** Framework property with the launch time of {@code bin/ocn-node}, which also stamps the launch files. */
    static final String LAUNCHED_AT = "ocn.node.launchedAt";

    private static final Logger LOG = LoggerFactory.getLogger(SettingsPublisher.class);

    private final ConfigurationAdmin configurationAdmin;
    private volatile HealthState state = HealthState.down("not published yet");

    @Activate
    public SettingsPublisher(@Reference ConfigurationAdmin configurationAdmin, BundleContext context) {
        this.configurationAdmin = configurationAdmin;
        try {
            publish(context);
        } catch (IOException | RuntimeException e) {
            LOG.error("Configuration not published: {}", e.getMessage(), e);
            state = HealthState.down("configuration not published: " + e.getMessage());
        }
    }

    @Override
    public HealthState check() {
        return state;
    }

    private void publish(BundleContext context) throws IOException {
        Path installDir = Path.of(property(context, "karaf.home", "."));
        Path etcDir = Path.of(property(context, "karaf.etc", installDir.resolve("etc").toString()));
        Path defaultDataDir = Path.of(property(context, "karaf.data", installDir.resolve("data").toString()));
        Path settingsFile = etcDir.resolve("ocn-node.properties");

        Map<String, String> environment = Map.of();
        Map<String, String> commandLine = Map.of();
        String launchedAt = context.getProperty(LAUNCHED_AT);
        Path launch = defaultDataDir.resolve("launch");
        if (launchedAt != null) {
            String stamp = load(launch.resolve("launch.properties")).get("launchedAt");
            if (launchedAt.trim().equals(stamp)) {
                environment = load(launch.resolve("env.properties"));
                commandLine = load(launch.resolve("cmdline.properties"));
            } else {
                LOG.warn("Configuration: the launch files in {} are not from this launch; only {} is read",
                        launch, settingsFile);
            }
        }
        SettingsResolver.Resolution resolution = SettingsResolver.resolve(new SettingsResolver.Sources(
                load(settingsFile), environment, commandLine, context::getProperty, installDir, defaultDataDir));

        resolution.warnings().forEach(w -> LOG.warn("Configuration: {}", w));
        if (!resolution.valid()) {
            resolution.errors().forEach(e -> LOG.error("Configuration error: {}", e));
            state = HealthState.down("invalid configuration: " + String.join("; ", resolution.errors()));
            return;
        }

        Map<String, Object> values = new LinkedHashMap<>(resolution.values());
        SecretFiles secrets = new SecretFiles(Path.of((String) values.get(SettingsCatalogue.DATA_DIR)));
        if (!values.containsKey(SettingsCatalogue.APIKEY)) {
            SecretFiles.Secret apikey = secrets.apikey();
            values.put(SettingsCatalogue.APIKEY, apikey.value());
            if (apikey.generated()) {
                LOG.info("Admin API key generated: {} (kept in {}; set ocn.node.apikey to choose your own)",
                        apikey.value(), apikey.file());
            } else {
                LOG.info("Admin API key: generated at first start, kept in {}", apikey.file());
            }
        }
        if (!values.containsKey(SettingsCatalogue.PRIVATE_KEY)) {
            SecretFiles.Secret key = secrets.privateKey();
            values.put(SettingsCatalogue.PRIVATE_KEY, key.value());
            if (key.generated()) {
                LOG.info("Node private key generated, kept in {}", key.file());
            }
        }
        resolution.origins().forEach((key, origin) -> {
            if (!"default".equals(origin) && !key.equals(SettingsCatalogue.APIKEY)
                    && !key.equals(SettingsCatalogue.PRIVATE_KEY)) {
                LOG.info("Configuration: {} = {} ({})", key, values.get(key), origin);
            }
        });

        Dictionary<String, Object> properties = new Hashtable<>(values);
        Configuration configuration = configurationAdmin.getConfiguration(NodeConfiguration.PID, "?");
        configuration.updateIfDifferent(properties);
        state = HealthState.up(null);
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Map<String, String> load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }
}
