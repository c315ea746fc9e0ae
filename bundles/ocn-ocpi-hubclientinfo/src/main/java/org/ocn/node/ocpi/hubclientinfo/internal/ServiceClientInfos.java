package org.ocn.node.ocpi.hubclientinfo.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.services.RunningService;
import org.ocn.node.services.ServiceDirectoryListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The services running on this node as parties of the hubclientinfo list: role {@code OTHER}, {@code CONNECTED} since
 * they started, {@code SUSPENDED} once they stopped (until the node restarts). When one starts or stops, the parties
 * of this node hear of it by a push, as for a platform. A {@link ServiceDirectoryListener}: the services registry
 * binds it, optionally and dynamically, so that this bundle works with or without services and no reference cycle
 * forms. Services already running when this component starts are listed without a push (that is not news).
 */
@Component(name = "ocn.ocpi.hubclientinfo.services", service = {ServiceDirectoryListener.class, ServiceClientInfos.class})
public class ServiceClientInfos implements ServiceDirectoryListener {

    private final PartyDirectory directory;
    private final ClientInfoPusher pusher;
    private final Instant activated = Instant.now();
    private final Map<PartyId, ClientInfo> infos = new ConcurrentHashMap<>();

    @Activate
    public ServiceClientInfos(@Reference PartyDirectory directory, @Reference ClientInfoPusher pusher) {
        this.directory = directory;
        this.pusher = pusher;
    }

    @Override
    public void serviceStarted(RunningService service, Instant since) {
        record(new ClientInfo(service.descriptor().party(), Role.OTHER, ConnectionStatus.CONNECTED, since));
    }

    @Override
    public void serviceStopped(RunningService service, Instant at) {
        record(new ClientInfo(service.descriptor().party(), Role.OTHER, ConnectionStatus.SUSPENDED, at));
    }

    private void record(ClientInfo info) {
        ClientInfo before = infos.put(info.party(), info);
        boolean news = before == null || before.status() != info.status();
        if (news && !info.lastUpdated().isBefore(activated)) {
            pusher.push(directory, List.of(info), -1);
        }
    }

    /** @return the ClientInfo of every service that ran here since the node started, oldest change first */
    List<ClientInfo> infos() {
        return infos.values().stream().sorted(ClientInfos.OLDEST_FIRST).toList();
    }

    /** @return whether a service with this identity runs here now */
    boolean isRunning(PartyId party) {
        ClientInfo info = infos.get(party);
        return info != null && info.status() == ConnectionStatus.CONNECTED;
    }
}
