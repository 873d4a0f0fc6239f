package dev.hostwise.bot.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback in front of a real database server that can be frozen: while frozen it
 * accepts connections and keeps the open ones, but passes no byte either way. To the driver that is a
 * server stopped with SIGSTOP: the kernel still accepts, nobody answers.
 */
final class FreezableProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private volatile boolean closed;

    FreezableProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void freeze() {
        frozen = true;
    }

    void thaw() {
        frozen = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread connect = new Thread(() -> connect(client), "proxy-connect");
                connect.setDaemon(true);
                connect.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try {
            waitWhileFrozen();
            Socket server = new Socket(targetHost, targetPort);
            sockets.add(server);
            relay(client.getInputStream(), server.getOutputStream(), client, server);
            relay(server.getInputStream(), client.getOutputStream(), client, server);
        } catch (IOException | InterruptedException e) {
            close(client);
        }
    }

    /** Copies one direction; when either side closes, closes both, as a connection through no proxy would end. */
    private void relay(InputStream in, OutputStream out, Socket client, Socket server) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    waitWhileFrozen();
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side went away
            }
            close(client);
            close(server);
        }, "proxy-relay");
        t.setDaemon(true);
        t.start();
    }

    private void waitWhileFrozen() throws InterruptedException {
        while (frozen && !closed) {
            Thread.sleep(10);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        sockets.forEach(FreezableProxy::close);
    }
}
