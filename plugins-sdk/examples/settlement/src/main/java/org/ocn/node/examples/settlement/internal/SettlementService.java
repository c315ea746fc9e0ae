package org.ocn.node.examples.settlement.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.spi.listeners.OcpiListener;
import org.ocn.node.spi.listeners.OcpiMessageListener;
import org.ocn.node.spi.routing.InterfaceRules;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.services.OcnService;
import org.ocn.node.spi.services.OcnServiceIdentity;
import org.ocn.node.spi.services.ServiceDescriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settlement service. Two roles in one component, so that both share one ledger and one writer thread:
 * <ul>
 *   <li>a CDR tap ({@link OcpiMessageListener} on {@code POST} to the cdrs Receiver interface): every CDR a party
 *   connected to this node sends, once its recipient accepted it ({@code status_code} 1000), is added to the totals
 *   of its CPO, eMSP and currency;</li>
 *   <li>a service with its own OCPI identity ({@link OcnService}, default {@code CH/STL}): a party asks
 *   {@code GET /ocpi/custom/sender/settlement} with {@code OCPI-to} set to the service and gets its statement.</li>
 * </ul>
 * The identity is configurable under PID {@value #PID} (keys {@code ocn.service.party}, {@code ocn.service.name},
 * ...; see {@link OcnServiceIdentity}).
 *
 * <p>Copies of CDRs ({@link OcnService#copied}) are not used: a copy carries neither its recipient's answer nor,
 * unless it is signed, its original recipient, so it could not be counted as accepted nor attributed to a pair. The
 * tap sees every CDR sent by a party of this node with its answer.
 */
@Component(name = SettlementService.PID, configurationPid = SettlementService.PID, immediate = true,
        service = {OcnService.class, OcpiMessageListener.class})
@OcnServiceIdentity(party = "CH/STL", name = "Settlement", modules = SettlementService.MODULE)
@OcpiListener(module = "cdrs", role = InterfaceRole.RECEIVER, method = "POST")
public class SettlementService implements OcnService, OcpiMessageListener {

    /** The configuration PID (and component name). */
    public static final String PID = "ocn.plugin.settlement";

    /** The custom module the service answers. */
    public static final String MODULE = "settlement";

    private static final Logger LOG = LoggerFactory.getLogger(SettlementService.class);
    /** CDRs counted in one transaction at most. */
    static final int BATCH = 500;
    private static final String WHERE = "GET /ocpi/custom/sender/" + MODULE;

    private final PartyId identity;
    private final ObjectMapper json = SettlementJson.mapper();
    private final SettlementLedger ledger;
    private final Clock clock;
    /**
     * One thread for the database: writes in the order CDRs were answered, and a statement is read after every CDR
     * tapped before it was asked for. Opening the ledger is its first task, so activation never waits for Derby.
     */
    private final ExecutorService worker;
    /** CDRs tapped and not yet written, in the order they were answered. */
    private final Queue<Map.Entry<OcpiRequest, OcpiReply>> tapped = new ConcurrentLinkedQueue<>();
    /** Whether a {@link #writeTapped} task is queued and not started yet. */
    private final AtomicBoolean writeScheduled = new AtomicBoolean();

    @Activate
    public SettlementService(@Reference(target = "(ocn.datasource=main)") DataSource dataSource,
                             Map<String, Object> properties) {
        this(dataSource, ServiceDescriptor.fromProperties(properties).party(), Clock.systemUTC());
    }

    SettlementService(DataSource dataSource, PartyId identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
        this.ledger = new SettlementLedger(dataSource, clock);
        this.worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "ocn-example-settlement"));
        worker.execute(() -> {
            try {
                LOG.info("Settlement {} counts CDRs since {}", identity, ledger.open());
            } catch (Exception e) {
                LOG.error("Settlement {}: its tables could not be opened; CDRs are not counted", identity, e);
            }
        });
    }

    /**
     * Lets the CDRs already tapped be written (in batches: milliseconds), then stops the thread. The node stops
     * calling this instance before it is deactivated (and hands what it taps meanwhile to the next version).
     */
    @Deactivate
    void deactivate() throws InterruptedException {
        long start = System.nanoTime();
        int waiting = tapped.size();
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Settlement {}: CDRs still being written after 10 s were dropped: {}", identity,
                    worker.shutdownNow().size());
        } else if (!tapped.isEmpty()) {
            writeTapped(); // tapped while the thread was stopping
        }
        LOG.info("Settlement {} stopped ({} CDRs were waiting to be written; {} ms)", identity, waiting,
                (System.nanoTime() - start) / 1_000_000);
    }

    // ------------------------------------------------------------------------------------------------ the tap

    /**
     * Queues the CDR for the writer thread. A write task is queued unless one is queued and not started yet (which
     * will take this CDR too): so a statement asked after this CDR was tapped is read after it is written.
     */
    @Override
    public void exchanged(OcpiRequest request, OcpiReply reply) {
        tapped.add(Map.entry(request, reply));
        if (writeScheduled.compareAndSet(false, true)) {
            try {
                worker.execute(this::writeTapped);
            } catch (RejectedExecutionException stopping) {
                LOG.debug("Settlement {} is stopping: its CDRs are written by deactivate", identity);
            }
        }
    }

    /**
     * Counts the CDRs tapped so far, up to {@value #BATCH} in one transaction: at hundreds of CDRs a second, one
     * commit each would keep the thread busy and let a backlog grow that an update of the plugin then has to wait
     * for. Runs on the writer thread.
     */
    void writeTapped() {
        writeScheduled.set(false);
        List<SettledCdr> batch = new ArrayList<>();
        Map.Entry<OcpiRequest, OcpiReply> next;
        while ((next = tapped.poll()) != null) {
            SettledCdr cdr = accepted(next.getKey(), next.getValue());
            if (cdr != null) {
                batch.add(cdr);
            }
            if (batch.size() == BATCH) {
                record(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            record(batch);
        }
    }

    /** @return the CDR when its recipient accepted it and it can be read, otherwise {@code null} (logged) */
    private SettledCdr accepted(OcpiRequest request, OcpiReply reply) {
        if (!SettlementJson.accepted(json, reply)) {
            LOG.debug("CDR from {} to {} not accepted by its recipient: not counted", request.sender(),
                    request.receiver());
            return null;
        }
        try {
            return SettledCdr.read(request.sender(), request.receiver(), json.readTree(request.body()));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Malformed CDR from {} to {} skipped: {}", request.sender(), request.receiver(), e.getMessage());
            return null;
        }
    }

    /** Records CDRs in one transaction; should that fail, one by one, so that one CDR's failure stays its own. */
    private void record(List<SettledCdr> cdrs) {
        List<Boolean> counted;
        try {
            counted = ledger.recordAll(cdrs);
        } catch (Exception batchFailed) {
            if (cdrs.size() == 1) {
                SettledCdr cdr = cdrs.get(0);
                LOG.error("CDR {} from {} to {} could not be counted", cdr.cdrId(), cdr.cpo(), cdr.emsp(), batchFailed);
                return;
            }
            cdrs.forEach(cdr -> record(List.of(cdr)));
            return;
        }
        for (int i = 0; i < cdrs.size(); i++) {
            SettledCdr cdr = cdrs.get(i);
            if (counted.get(i)) {
                LOG.debug("CDR {} from {} to {} counted: {} kWh, {} {}", cdr.cdrId(), cdr.cpo(), cdr.emsp(),
                        cdr.energyKwh(), cdr.costExclVat(), cdr.currency());
            } else {
                LOG.info("CDR {} from {} was counted before: not counted again", cdr.cdrId(), cdr.cpo());
            }
        }
    }

    // -------------------------------------------------------------------------------------------- the service

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request) {
        if (!MODULE.equals(request.module())) {
            return InterfaceRules.reply(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "The settlement service " + identity + " answers only " + WHERE + ", not module "
                            + request.module()));
        }
        if (request.role() != InterfaceRole.SENDER) {
            return InterfaceRules.reply(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "The settlement module has only a Sender interface: " + WHERE));
        }
        return InterfaceRules.check(request, "GET", "", "(nothing after /ocpi/custom/sender/" + MODULE + ")")
                .map(InterfaceRules::reply)
                .orElseGet(() -> statement(request.sender()));
    }

    /** The statement of the party asking, read on the writer thread: after the CDRs tapped before the question. */
    private CompletionStage<OcpiReply> statement(PartyId party) {
        try {
            // no write here: a CDR tapped before the question has its write queued before this task (see exchanged)
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return SettlementJson.success(json, Statement.of(json, party,
                            ledger.periodStart().orElseThrow(() -> new IllegalStateException("the ledger is not open")),
                            ledger.totalsOf(party), clock.instant()));
                } catch (Exception e) {
                    LOG.error("Statement of {} could not be read", party, e);
                    return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The statement could not be read: "
                            + e.getMessage());
                }
            }, worker);
        } catch (RejectedExecutionException stopping) {
            return InterfaceRules.reply(OcpiReply.error(200, OcpiStatus.SERVER_ERROR,
                    "The settlement service is stopping; ask again in a moment"));
        }
    }
}
