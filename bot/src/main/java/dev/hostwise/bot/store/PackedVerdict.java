package dev.hostwise.bot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.rules.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a verdict is kept in the {@code verdict_packed} column: the verdict JSON (the public contract)
 * and its rules' reasons as one JSON document, deflated against a preset dictionary. A verdict's text
 * is about 8 KB, much of it the same keys, rule names, reasons and caveats in every verdict; plain
 * deflate takes it to about 3 KB, and priming it with typical verdicts to about 1.4 KB. Reading it
 * back gives the same verdict exactly: the JSON is the one that was stored as text before.
 *
 * <p>The first byte names the format, so the dictionary can be replaced by a better one under a new
 * number while rows written with the old one stay readable. A dictionary is never edited once rows use
 * it: {@link #DICTIONARY_1_ADLER32} pins its content, and a test checks it.
 */
final class PackedVerdict {

    /** Format 1: raw DEFLATE of the UTF-8 JSON document, with {@code db/verdict-dictionary-1.json} as preset dictionary. */
    static final byte DEFLATE_WITH_DICTIONARY_1 = 1;
    /** The Adler-32 of dictionary 1: rows written with it need exactly these bytes to be read. */
    static final long DICTIONARY_1_ADLER32 = 2778197947L;
    private static final String DICTIONARY_1_RESOURCE = "/db/verdict-dictionary-1.json";
    private static final byte[] DICTIONARY_1 = dictionary(DICTIONARY_1_RESOURCE);

    /** What one packed row holds. */
    record Contents(Verdict verdict, List<RuleReason> ruleReasons) {
    }

    private final ObjectMapper mapper;
    /**
     * Deflaters and inflaters kept for reuse: each holds a few hundred KB of native zlib memory, and
     * allocating and freeing that for every verdict on many threads fragmented the C heap (the
     * server's resident memory grew by tens of MB under load). A few are enough: packing is short.
     */
    private final java.util.concurrent.ArrayBlockingQueue<Deflater> deflaters = new java.util.concurrent.ArrayBlockingQueue<>(4);
    private final java.util.concurrent.ArrayBlockingQueue<Inflater> inflaters = new java.util.concurrent.ArrayBlockingQueue<>(4);

    /** @param mapper the verdict JSON mapper ({@code VerdictJson}), so the document is the public JSON */
    PackedVerdict(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Builds the JSON writer for a verdict now rather than in the first {@link #pack}. */
    void prepare() {
        mapper.writerFor(Contents.class);
    }

    byte[] pack(Verdict verdict, List<RuleReason> ruleReasons) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(new Contents(verdict, ruleReasons));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verdict could not be written as JSON", e);
        }
        Deflater polled = deflaters.poll();
        Deflater deflater = polled != null ? polled : new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setDictionary(DICTIONARY_1);
            deflater.setInput(json);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
            out.write(DEFLATE_WITH_DICTIONARY_1);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.reset();
            if (!deflaters.offer(deflater)) {
                deflater.end();
            }
        }
    }

    Contents unpack(byte[] packed) {
        if (packed.length == 0 || packed[0] != DEFLATE_WITH_DICTIONARY_1) {
            throw new IllegalStateException("a stored verdict has an unknown format "
                    + (packed.length == 0 ? "(empty)" : "(" + packed[0] + ")") + "; was it written by a newer Hostwise?");
        }
        Inflater polled = inflaters.poll();
        Inflater inflater = polled != null ? polled : new Inflater(true);
        try {
            inflater.setDictionary(DICTIONARY_1);
            inflater.setInput(packed, 1, packed.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(packed.length * 6);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored verdict is truncated");
                }
                out.write(buffer, 0, n);
            }
            return mapper.readValue(out.toByteArray(), Contents.class);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored verdict is corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("a stored verdict is not valid JSON: " + e.getMessage(), e);
        } finally {
            inflater.reset();
            if (!inflaters.offer(inflater)) {
                inflater.end();
            }
        }
    }

    static long adler32(byte[] bytes) {
        Adler32 a = new Adler32();
        a.update(bytes);
        return a.getValue();
    }

    static byte[] dictionary1() {
        return DICTIONARY_1.clone();
    }

    private static byte[] dictionary(String resource) {
        try (InputStream in = PackedVerdict.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            byte[] bytes = in.readAllBytes();
            if (adler32(bytes) != DICTIONARY_1_ADLER32) {
                // rows packed with it could no longer be read, and new rows could not be read by other replicas
                throw new IllegalStateException(resource + " was changed; a dictionary in use must never change. "
                        + "Restore it, and add a new dictionary under a new format number instead");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
