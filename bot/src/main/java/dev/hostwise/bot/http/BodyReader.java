package dev.hostwise.bot.http;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.ImmediatePooledByteBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Reads a request's whole body on the IO thread, without blocking, before any worker thread sees the
 * request. A worker blocked in {@code readAllBytes} on a client that announced 1,000 bytes and sent one
 * is a worker gone; sixteen such clients stopped every route. Here a slow client holds only its
 * connection and a buffer of at most the body limit, and only until the deadline: then it gets 408 and
 * the connection is closed.
 *
 * <p>Chunked bodies (no Content-Length to refuse up front) are counted as they arrive; past the limit the
 * rest is read and dropped, then answered 413, so the client sees the answer instead of a reset.
 *
 * <p>Once the body is in, the bytes are put back in front of the request channel: handlers read it as
 * usual ({@link Requests#body}, or Bolt's adapter through {@code getInputStream()}), without blocking.
 */
final class BodyReader implements HttpHandler {

    /** The body, once read whole. */
    static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

    private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
    private static final byte[] EMPTY = new byte[0];

    private final HttpHandler next;
    private final long maxBytes;
    private final Duration deadline;

    /** @param next where the request goes once its body is in; it runs on the IO thread unless it dispatches */
    BodyReader(HttpHandler next, long maxBytes, Duration deadline) {
        this.next = next;
        this.maxBytes = maxBytes;
        this.deadline = deadline;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (ex.isRequestComplete() || !hasBody(ex)) {
            ex.putAttachment(BODY, EMPTY);
            next.handleRequest(ex);
            return;
        }
        new Read(ex).start();
    }

    private static boolean hasBody(HttpServerExchange ex) {
        String length = ex.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        return ex.getRequestHeaders().contains(Headers.TRANSFER_ENCODING) || (length != null && !length.trim().equals("0"));
    }

    /** One request's body on its way in. Every callback and the deadline run on the connection's IO thread. */
    private final class Read {
        private final HttpServerExchange ex;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private long received;
        private boolean finished;
        private XnioExecutor.Key timer;

        Read(HttpServerExchange ex) {
            this.ex = ex;
        }

        void start() {
            timer = ex.getIoThread().executeAfter(this::tooSlow, deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (!HttpContinue.requiresContinueResponse(ex)) {
                receive();
                return;
            }
            // the client waits for this before it sends the body (curl, for one, waits a second without it);
            // a body too large by its Content-Length was refused before this, and is never sent
            HttpContinue.sendContinueResponse(ex, new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange exchange, Sender sender) {
                    receive();
                }

                @Override
                public void onException(HttpServerExchange exchange, Sender sender, IOException e) {
                    failed(exchange, e);
                }
            });
        }

        private void receive() {
            ex.getRequestReceiver().receivePartialBytes(this::chunk, this::failed);
        }

        private void chunk(HttpServerExchange exchange, byte[] data, boolean last) {
            if (finished) {
                return;
            }
            received += data.length;
            if (received <= maxBytes) {
                body.write(data, 0, data.length);
            }
            if (!last) {
                return;
            }
            finish();
            if (received > maxBytes) {
                LOG.info("{}: a chunked request body of {} bytes was refused; the limit is {}", LoggedPath.of(ex), received, maxBytes);
                HttpResponses.error(ex, 413, "the request body is " + received + " bytes; the limit is " + maxBytes);
                return;
            }
            byte[] bytes = body.toByteArray();
            ex.putAttachment(BODY, bytes);
            // handlers that read the stream themselves (Bolt's adapter) find the bytes there again
            Connectors.ungetRequestBytes(ex, new ImmediatePooledByteBuffer(ByteBuffer.wrap(bytes)));
            Connectors.resetRequestChannel(ex);
            try {
                next.handleRequest(ex);
            } catch (Exception e) {
                LOG.error("{} failed", LoggedPath.of(ex), e);
                if (!ex.isResponseStarted()) {
                    HttpResponses.error(ex, 500, "something went wrong on our side; it has been logged");
                }
            }
        }

        private void failed(HttpServerExchange exchange, IOException e) {
            if (finished) {
                return;
            }
            finish();
            if (e instanceof RequestTooBigException && !ex.isResponseStarted()) {
                // far past the limit: stop reading. The client may see the answer or a reset, whichever comes first
                LOG.info("{}: a chunked request body passed {} bytes and was cut off; the limit is {}",
                        LoggedPath.of(ex), received, maxBytes);
                answerAndClose(413, "the request body is over " + maxBytes + " bytes, the limit");
                return;
            }
            // the client went away mid-body: nobody is left to answer
            LOG.debug("{}: reading the request body failed: {}", LoggedPath.of(ex), e.toString());
            IoUtils.safeClose(ex.getConnection());
        }

        private void tooSlow() {
            if (finished) {
                return;
            }
            finish();
            LOG.info("{}: the request body was still arriving after {} ms ({} bytes so far); answered 408 and closed the connection",
                    LoggedPath.of(ex), deadline.toMillis(), received);
            answerAndClose(408, "the request body did not arrive within " + deadline.toSeconds() + " s");
        }

        private void finish() {
            finished = true;
            if (timer != null) {
                timer.remove();
            }
        }

        /** Answers, then closes the connection: the rest of the body is never read, so it cannot be reused. */
        private void answerAndClose(int status, String message) {
            if (ex.isResponseStarted()) {
                IoUtils.safeClose(ex.getConnection());
                return;
            }
            ex.setPersistent(false);
            ex.setStatusCode(status);
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
            ex.getResponseHeaders().put(Headers.CONNECTION, "close");
            String json = "{\"errors\":[{\"field\":\"request\",\"message\":\"" + message + "\"}]}";
            ex.getResponseSender().send(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange exchange, Sender sender) {
                    IoUtils.safeClose(exchange.getConnection());
                }

                @Override
                public void onException(HttpServerExchange exchange, Sender sender, IOException exception) {
                    IoUtils.safeClose(exchange.getConnection());
                }
            });
        }
    }
}
