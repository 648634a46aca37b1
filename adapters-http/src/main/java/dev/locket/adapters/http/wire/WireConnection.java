package dev.locket.adapters.http.wire;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * One HTTP/1 connection: Helidon's own HTTP/1.1 connection, reading from {@link WireRequests} and
 * writing through {@link WireResponses} instead of the socket directly.
 */
final class WireConnection implements ServerConnection, InterruptableTask<Void> {
    private static final System.Logger LOG = System.getLogger(WireConnection.class.getName());

    private final ServerConnection http1;

    WireConnection(ConnectionContext socket, ServerConnectionSelector http1Selector) {
        WireResponses responses = new WireResponses(socket.dataWriter());
        HelidonSocket raw = socket.serverSocket();
        Supplier<byte[]> reads = () -> {
            try {
                return raw.get();
            } catch (UncheckedIOException e) {
                throw new ServerConnectionException("Failed to get data from socket", e);
            }
        };
        WireRequests requests = new WireRequests(socket.dataReader(), reads, socket.dataWriter(), new WireRequests.Exchanges() {
            @Override
            public void begin(WireExchange exchange) {
                responses.begin(exchange);
            }

            @Override
            public boolean upgraded() {
                return responses.upgraded();
            }

            @Override
            public boolean last() {
                return responses.last();
            }
        }, why -> LOG.log(System.Logger.Level.DEBUG, () -> "refused before routing: " + why));
        this.http1 = http1Selector.connection(new Context(socket, new DataReader(requests), responses));
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        http1.handle(limit);
    }

    @Override
    public Duration idleTime() {
        return http1.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
        http1.close(interrupt);
    }

    @Override
    public boolean canInterrupt() {
        return http1 instanceof InterruptableTask<?> task && task.canInterrupt();
    }

    /** The socket's context with the translated reader and writer in place of the socket's own. */
    private record Context(ConnectionContext socket, DataReader dataReader, DataWriter dataWriter)
            implements ConnectionContext {
        @Override
        public ListenerContext listenerContext() {
            return socket.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return socket.executor();
        }

        @Override
        public Router router() {
            return socket.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return socket.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return socket.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return socket.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return socket.localPeer();
        }

        @Override
        public boolean isSecure() {
            return socket.isSecure();
        }

        @Override
        public String socketId() {
            return socket.socketId();
        }

        @Override
        public String childSocketId() {
            return socket.childSocketId();
        }
    }
}
