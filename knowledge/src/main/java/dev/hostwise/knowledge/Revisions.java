package dev.hostwise.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The revision of a set of text files, as the catalog and the policy both name theirs: the first 12
 * hex digits of a SHA-256 over each file's name and text, in name order, each followed by a zero
 * byte. Same files, same revision, whichever order the map lists them in.
 */
public final class Revisions {

    /** How many hex digits of the hash a revision keeps. */
    public static final int HEX_CHARS = 12;

    private Revisions() {
    }

    /** @param files file name to text; names are sorted before hashing */
    public static String of(Map<String, String> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        new TreeMap<>(files).forEach((name, text) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        });
        return HexFormat.of().formatHex(sha.digest()).substring(0, HEX_CHARS);
    }
}
