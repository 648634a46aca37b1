package dev.locket.adapters.http.wire;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ProtocolConfig;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.List;
import java.util.Set;

/**
 * Takes every connection of the listener (it is consulted before Helidon's own HTTP/1.1 selector,
 * which would silently drop HTTP/1.0) and serves it with Helidon's HTTP/1.1 connection behind
 * {@link WireConnection}. Anything that is not HTTP/1 gets a 400 from {@link WireRequests}, as Go does.
 */
public final class WireSelector implements ServerConnectionSelector {
    private final ServerConnectionSelector http1;

    private WireSelector(ServerConnectionSelector http1) {
        this.http1 = http1;
    }

    /**
     * Helidon's HTTP/1.1 selector built as its service provider builds it, so protocol upgrades
     * configured for the listener (WebSocket) keep working.
     */
    @SuppressWarnings("deprecation") // the provider's constructor is public for the service loader
    public static WireSelector create(Http1Config config, List<ProtocolConfig> protocols) {
        return new WireSelector(new Http1ConnectionProvider().create("@default", config, ProtocolConfigs.create(protocols)));
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of("http/1.1");
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new WireConnection(ctx, http1);
    }
}
