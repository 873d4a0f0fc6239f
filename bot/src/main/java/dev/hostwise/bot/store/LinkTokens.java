package dev.hostwise.bot.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Link tokens: 144 random bits from {@link SecureRandom}, URL-safe base64 without padding (24
 * characters). Pages are reached by token, never by the short ID alone, because a verdict's inputs
 * (volume, spend) are business-sensitive.
 */
public final class LinkTokens {

    static final int BYTES = 18;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22,64}");

    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** True when the text could be a token; anything else is answered "not found" without a query. */
    public static boolean looksLikeToken(String s) {
        return s != null && SHAPE.matcher(s).matches();
    }
}
