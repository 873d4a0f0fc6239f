package dev.hostwise.bot.mattermost.input;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * The slash command tokens Hostwise accepts. Mattermost does not sign a custom slash command: it sends the
 * command's own token as the form field {@code token}, and as {@code Authorization: Token <token>}
 * (server/channels/app/command.go, {@code DoCommandRequest}). Each team's command has its own, so several
 * may be configured. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual} and every
 * configured token is compared every time, so neither the length nor the position of a match shows in
 * the time an answer takes.
 */
public final class CommandTokens {

    private final List<byte[]> digests;

    public CommandTokens(Set<String> tokens) {
        this.digests = tokens.stream().map(CommandTokens::digest).toList();
    }

    /** The token a command carries: the form field, else the Authorization header's; null when neither is there. */
    public static String carried(String formToken, String authorization) {
        if (formToken != null && !formToken.isEmpty()) {
            return formToken;
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Token ", 0, 6)) {
            return authorization.substring(6).trim();
        }
        return null;
    }

    public boolean accepts(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        byte[] given = digest(token);
        boolean match = false;
        for (byte[] d : digests) {
            match |= MessageDigest.isEqual(d, given);
        }
        return match;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
