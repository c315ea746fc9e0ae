package org.ocn.node.distribution;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.Credentials;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Registration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;

/**
 * What the Pax Exam tests of the built distribution share: the container's options (the archive, free ports, the
 * admin key, Maven resolution of Pax Exam's own bundles) and platforms connected straight through the directory.
 */
final class ExamNode {

    /** The admin key the container is configured with. */
    static final String ADMIN_KEY = "exam-admin-key";

    private ExamNode() {
    }

    /** The container's HTTP port: chosen free by the driver, handed to the probe as a system property. */
    static int httpPort() {
        return Integer.getInteger("ocn.exam.port");
    }

    static String url(String path) {
        return "http://127.0.0.1:" + httpPort() + path;
    }

    /** The options of KarafDistributionIT's container, plus {@code extra}. */
    static Option[] options(Option... extra) throws IOException {
        int httpPort = NodeProcess.freePort();
        int shellPort = NodeProcess.freePort();
        String archive = new File(System.getProperty("ocn.dist.archive", "target/ocn-node-0.1.0-SNAPSHOT.tar.gz"))
                .getAbsoluteFile().toURI().toString();
        String m2 = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        String mvnCfg = "etc/org.ops4j.pax.url.mvn.cfg";
        Option[] base = {
            karafDistributionConfiguration().frameworkUrl(archive).karafVersion("4.4.8").name("OCN node")
                    .unpackDirectory(new File("target/exam")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevelOption.LogLevel.INFO),
            editConfigurationFilePut("etc/system.properties", "org.osgi.service.http.port", String.valueOf(httpPort)),
            editConfigurationFilePut("etc/system.properties", "org.apache.felix.http.host", "127.0.0.1"),
            editConfigurationFilePut("etc/system.properties", "ocn.node.shellPort", String.valueOf(shellPort)),
            editConfigurationFilePut("etc/ocn-node.properties", "ocn.node.apikey", ADMIN_KEY),
            // Pax Exam's own bundles come from the local Maven repository (or Maven Central when missing there);
            // the node's bundles come from the archive's system/ folder, a KAR's from data/kar as in the distribution
            editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.localRepository", m2),
            editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.defaultRepositories",
                    "${karaf.home.uri}system@id=system.repository@snapshots,"
                            + "${karaf.data.uri}kar@id=kar.repository@multi@snapshots,file:" + m2 + "@id=local@snapshots"),
            editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.repositories",
                    "https://repo1.maven.org/maven2@id=central"),
            systemProperty("ocn.exam.port").value(String.valueOf(httpPort)),
        };
        return OptionUtils.combine(base, extra);
    }

    /** Registers a platform with one party straight in the directory (the handshake is tested elsewhere). */
    static String connect(PartyDirectory directory, PartyId party, Role role) throws Exception {
        String tokenA = directory.issueRegistrationToken(List.of(party));
        long id = directory.findByToken(tokenA).orElseThrow().platform().id();
        return directory.register(id, new Registration(new Credentials("token-b-" + party.partyId(),
                "http://127.0.0.1:9/ocpi/versions", List.of(new CredentialsRole(role, BusinessDetails.named(party.toString()),
                party))), VersionNumber.V2_2_1, List.of(new Endpoint("credentials", InterfaceRole.SENDER,
                "http://127.0.0.1:9/ocpi/2.2.1/credentials")), TokenEncoding.BASE64)).tokenC();
    }

    /** @return the manifest of a bundle the tests make */
    static java.util.jar.Manifest bundleManifest(String symbolicName, String version) {
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        java.util.jar.Attributes a = m.getMainAttributes();
        a.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        return m;
    }

    /** @return the installed bundle with that symbolic name, or {@code null} */
    static org.osgi.framework.Bundle bundle(org.osgi.framework.BundleContext context, String symbolicName) {
        return java.util.Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }

    /** Polls until {@code done} holds (60 s at most). */
    static <T> T await(Supplier<T> value, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached within 60 s; last value: " + last);
    }
}
