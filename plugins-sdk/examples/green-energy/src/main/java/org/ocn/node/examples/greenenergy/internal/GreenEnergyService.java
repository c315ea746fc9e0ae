package org.ocn.node.examples.greenenergy.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.examples.greenenergy.internal.CertificateStore.Pending;
import org.ocn.node.examples.greenenergy.internal.LocationMixes.Lookup;
import org.ocn.node.spi.client.OcpiClient;
import org.ocn.node.spi.listeners.OcpiListener;
import org.ocn.node.spi.listeners.OcpiMessageListener;
import org.ocn.node.spi.routing.InterfaceRules;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.services.OcnService;
import org.ocn.node.spi.services.OcnServiceIdentity;
import org.ocn.node.spi.services.ServiceDescriptor;
import org.ocn.node.spi.services.ServiceKeys;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The green-energy certification service: for each CDR the node routes (and its recipient accepts), a certificate of
 * the energy delivered and of its sources, taken from the CPO's location {@code energy_mix}, signed with the key the
 * node keeps for the service. One component, registered as two services:
 * <ul>
 *   <li>a listener on {@code cdrs} (the CDRs to certify) and {@code locations} (the energy mixes the CPOs push to
 *   their eMSPs or give in answers, so that most CDRs need no question to the CPO);</li>
 *   <li>a service with its own OCPI identity (default {@code CH/GEC}) answering the custom module
 *   {@value CertificateEndpoints#MODULE} (see {@link CertificateEndpoints}).</li>
 * </ul>
 * A CDR waits in {@code GEC_PENDING} until its location's mix is known: from what was seen, else from the CPO,
 * asked as the service ({@code GET /ocpi/sender/2.2.1/locations/{id}}). When the CPO cannot be reached the question
 * is asked again a few times; then, or when the CPO does not know the location, the certificate says the mix is
 * {@code UNAVAILABLE}; a location without {@code energy_mix} gives {@code NOT_DECLARED}. Every CDR gets a certificate:
 * it always certifies the energy delivered, and says plainly what is known of its sources.
 */
@Component(name = GreenEnergyService.PID, configurationPid = GreenEnergyService.PID, immediate = true,
        service = {OcnService.class, OcpiMessageListener.class})
@Designate(ocd = GreenEnergyService.Config.class)
@OcnServiceIdentity(party = "CH/GEC", name = "Green-energy certification", modules = CertificateEndpoints.MODULE)
@OcpiListener(module = {"cdrs", "locations"})
public class GreenEnergyService implements OcnService, OcpiMessageListener {

    /** The configuration PID (and component name). */
    public static final String PID = "ocn.plugin.green-energy";

    @ObjectClassDefinition(id = PID, name = "OCN example: green-energy certification",
            description = "Certificates of the energy of each routed CDR and its sources. The service's identity is "
                    + "configured with the ocn.service.* keys of @OcnServiceIdentity (ocn.service.party, default CH/GEC).")
    @interface Config {
        @AttributeDefinition(description = "How long a location's energy mix, once learned, is used without asking "
                + "the CPO again, in seconds.")
        long location_cache_seconds() default 900;

        @AttributeDefinition(description = "How often a location is asked for when its CPO cannot be reached, before "
                + "the certificate is issued with the mix UNAVAILABLE.")
        int location_attempts() default 3;

        @AttributeDefinition(description = "The pause between those questions, in seconds.")
        long location_retry_seconds() default 30;
    }

    /** The settings, in the units the code uses. */
    record Settings(Duration locationMaxAge, int locationAttempts, Duration retryPause) {

        static Settings of(Config config) {
            return new Settings(Duration.ofSeconds(config.location_cache_seconds()),
                    Math.max(1, config.location_attempts()), Duration.ofSeconds(config.location_retry_seconds()));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GreenEnergyService.class);

    private final PartyId identity;
    private final ServiceKeys keys;
    private final Settings settings;
    private final Clock clock;
    private final ObjectMapper json = GreenEnergyJson.mapper();
    private final CertificateStore store;
    private final LocationMixes mixes;
    private final CertificateEndpoints endpoints;
    /**
     * One thread for the database and the certificates, which also runs the delayed questions to CPOs that could not
     * be reached. Questions to CPOs themselves are asynchronous and hold no thread. Opening the tables and resuming
     * the CDRs left pending are its first tasks, so activation never waits for Derby.
     */
    private final ScheduledThreadPoolExecutor worker;

    @Activate
    public GreenEnergyService(@Reference(target = "(ocn.datasource=main)") DataSource dataSource,
                              @Reference ServiceKeys keys, @Reference OcpiClient client, Config config,
                              Map<String, Object> properties) {
        this(dataSource, keys, client, ServiceDescriptor.fromProperties(properties).party(), Settings.of(config),
                Clock.systemUTC());
    }

    GreenEnergyService(DataSource dataSource, ServiceKeys keys, OcpiClient client, PartyId identity,
                       Settings settings, Clock clock) {
        this.identity = identity;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
        this.store = new CertificateStore(dataSource);
        this.mixes = new LocationMixes(client, identity, json, clock, settings.locationMaxAge());
        this.endpoints = new CertificateEndpoints(store, keys, identity, json);
        this.worker = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "ocn-example-green-energy"));
        // questions waiting to be asked again are dropped at stop: their CDRs stay pending and resume at the next start
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker.execute(this::start);
    }

    private void start() {
        try {
            store.open();
            var pending = store.pending();
            LOG.info("Green-energy certification {} ready; {} CDRs waiting for their certificate", identity,
                    pending.size());
            pending.forEach(this::certify);
        } catch (SQLException e) {
            LOG.error("Green-energy certification {}: its tables could not be opened; no certificates", identity, e);
        }
    }

    /** Lets the work under way finish (a few milliseconds), then stops the thread. */
    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Green-energy certification {}: work still running after 10 s was dropped: {}", identity,
                    worker.shutdownNow().size());
        }
        LOG.info("Green-energy certification {} stopped", identity);
    }

    // ----------------------------------------------------------------------------------------- the listener

    @Override
    public void exchanged(OcpiRequest request, OcpiReply reply) {
        if (request.module().equals("cdrs")) {
            if (request.role() == InterfaceRole.RECEIVER && request.method().equals("POST")) {
                onWorker(() -> tapped(request, reply), "CDR from " + request.sender() + " not certified");
            }
        } else if (request.module().equals("locations")) {
            onWorker(() -> learn(request, reply), "locations not read");
        }
    }

    private void learn(OcpiRequest request, OcpiReply reply) {
        try {
            mixes.observe(request, reply);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Locations {} {} from {} not read: {}", request.method(), request.path(), request.sender(),
                    e.toString());
        }
    }

    /** A CDR was answered: when accepted, it waits for its certificate. */
    private void tapped(OcpiRequest request, OcpiReply reply) {
        if (!GreenEnergyJson.accepted(json, reply)) {
            LOG.debug("CDR from {} to {} not accepted by its recipient: no certificate", request.sender(),
                    request.receiver());
            return;
        }
        CertifiedCdr cdr;
        try {
            cdr = CertifiedCdr.read(request.sender(), request.receiver(), json.readTree(request.body()));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Malformed CDR from {} to {} skipped: {}", request.sender(), request.receiver(), e.getMessage());
            return;
        }
        try {
            if (!store.addPending(cdr)) {
                LOG.info("CDR {} of {} is certified already", cdr.cdrId(), cdr.cpo());
                return;
            }
        } catch (SQLException e) {
            LOG.error("CDR {} of {} could not be kept for certification", cdr.cdrId(), cdr.cpo(), e);
            return;
        }
        certify(new Pending(cdr, 0));
    }

    /** Gets the mix of a pending CDR's location, then certifies on the worker. */
    private void certify(Pending pending) {
        CertifiedCdr cdr = pending.cdr();
        mixes.mixOf(cdr.cpo(), cdr.locationId()).whenComplete((lookup, error) -> onWorker(
                () -> mixed(pending, lookup != null ? lookup : Lookup.failed(String.valueOf(error))),
                "CDR " + cdr.cdrId() + " of " + cdr.cpo() + " stays pending until the next start"));
    }

    private void mixed(Pending pending, Lookup lookup) {
        CertifiedCdr cdr = pending.cdr();
        if (lookup.retry() && retryLater(pending, "its location " + cdr.locationId() + " could not be obtained: "
                + lookup.reason())) {
            return;
        }
        if (lookup.reason() != null) {
            LOG.warn("CDR {} of {}: location {} unavailable ({}); certified with the mix UNAVAILABLE", cdr.cdrId(),
                    cdr.cpo(), cdr.locationId(), lookup.reason());
        }
        Certificate certificate;
        try {
            certificate = Certificate.issue(UUID.randomUUID().toString(), identity, cdr, lookup.mix(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), keys);
        } catch (RuntimeException e) {
            if (!retryLater(pending, "it could not be signed: " + e.getMessage())) {
                LOG.error("CDR {} of {} not certified: it could not be signed ({}); it stays pending until the next "
                        + "start", cdr.cdrId(), cdr.cpo(), e.getMessage());
            }
            return;
        }
        try {
            store.issued(certificate);
            LOG.info("Certificate {} issued for CDR {} of {} to {}: {} kWh, mix {}", certificate.id(), cdr.cdrId(),
                    cdr.cpo(), cdr.emsp(), cdr.energyKwh(), lookup.mix().status());
        } catch (SQLException e) {
            LOG.error("Certificate of CDR {} of {} could not be stored; it stays pending", cdr.cdrId(), cdr.cpo(), e);
        }
    }

    /**
     * Tries a pending CDR again after the pause, while attempts are left ({@code location.attempts}).
     *
     * @return {@code false} when none are left
     */
    private boolean retryLater(Pending pending, String why) {
        CertifiedCdr cdr = pending.cdr();
        if (pending.attempts() + 1 >= settings.locationAttempts()) {
            return false;
        }
        try {
            store.attempted(cdr);
        } catch (SQLException e) {
            LOG.warn("Attempts of CDR {} of {} not counted: {}", cdr.cdrId(), cdr.cpo(), e.toString());
        }
        LOG.info("CDR {} of {} not certified yet: {}; trying again in {} s", cdr.cdrId(), cdr.cpo(), why,
                settings.retryPause().toSeconds());
        try {
            worker.schedule(() -> certify(new Pending(cdr, pending.attempts() + 1)), settings.retryPause().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Stopping: CDR {} of {} stays pending until the next start", cdr.cdrId(), cdr.cpo());
        }
        return true;
    }

    private void onWorker(Runnable task, String ifStopping) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException stopping) {
            LOG.info("Green-energy certification {} is stopping: {}", identity, ifStopping);
        }
    }

    // ------------------------------------------------------------------------------------------ the service

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return endpoints.answer(request);
                } catch (Exception e) {
                    LOG.error("{} {} of {} could not be answered", request.method(), request.path(), request.sender(), e);
                    return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The certificates could not be read: "
                            + e.getMessage());
                }
            }, worker);
        } catch (RejectedExecutionException stopping) {
            return InterfaceRules.reply(OcpiReply.error(200, OcpiStatus.SERVER_ERROR,
                    "The green-energy certification service is stopping; ask again in a moment"));
        }
    }
}
