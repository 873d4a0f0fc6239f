package dev.hostwise.bot.mattermost.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A {@code multipart/form-data} body, as {@code POST /api/v4/files} takes it (fields {@code channel_id}
 * and {@code files}, one part per file). The JDK's HttpClient has no multipart writer; this one writes
 * text fields and files only, which is all the upload needs.
 */
public final class Multipart {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary = "hostwise-" + HexFormat.of().formatHex(randomBytes());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    public Multipart field(String name, String value) {
        head("Content-Disposition: form-data; name=\"" + quoted(name) + "\"\r\n\r\n");
        write(value.getBytes(StandardCharsets.UTF_8));
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public Multipart file(String name, String filename, String contentType, byte[] bytes) {
        head("Content-Disposition: form-data; name=\"" + quoted(name) + "\"; filename=\"" + quoted(filename) + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n");
        write(bytes);
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The body, closed with the final boundary. */
    public byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream(out.size() + boundary.length() + 8);
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return copy.toByteArray();
    }

    private void head(String headers) {
        write(("--" + boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        out.writeBytes(bytes);
    }

    /** Names and file names are ours (verdict IDs, fixed words); quotes and line breaks are dropped all the same. */
    private static String quoted(String s) {
        return s.replaceAll("[\"\r\n]", "");
    }
}
