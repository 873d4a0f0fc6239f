package dev.hostwise.bot.web;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Announces a body over the limit and reads the answer, over a plain socket. An HTTP client that
 * writes the whole body races the server's 413 (the server closes, the client sees a broken pipe),
 * and the JDK 17 client hangs on {@code Expect: 100-continue} answered with a final status; sending
 * the headers alone makes the test deterministic.
 */
final class OversizedRequest {

    private OversizedRequest() {
    }

    /** The raw response (status line, headers, body) to a POST that announces {@code length} bytes. */
    static String post(int port, String path, long length) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n{\"requestsPerDay\": ").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readAll(socket);
        }
    }

    /**
     * The raw response to a POST whose body is sent chunked (no Content-Length to refuse it by) and
     * grows to {@code length} bytes. The server may answer and close before the body ends.
     */
    static String postChunked(int port, String path, long length) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (long sent = 0; sent < length; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException answeredAndClosed) {
                // the server refused the body part-way and closed: its answer is still there to read
            }
            return readAll(socket);
        }
    }

    private static String readAll(Socket socket) throws Exception {
        {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                response.write(buf, 0, n);
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
