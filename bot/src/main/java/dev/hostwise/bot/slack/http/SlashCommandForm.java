package dev.hostwise.bot.slack.http;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A slash command's form body ({@code command=%2Fselfhost&text=...}) read in one pass into the payload
 * Bolt's own parser would give. Bolt splits and decodes the whole body three times per command (once
 * looking for an interactivity payload, once for the command, once for its fields), compiling a regular
 * expression for every pair each time: on the acknowledgement path that was a sixth of the server's CPU.
 *
 * <p>It reads as Bolt reads: a pair counts only with a name and a non-empty value (so an empty
 * {@code text=} leaves the text null), unknown names are ignored, and a body holding a {@code payload}
 * (interactivity) or no {@code command} is not a command, so it goes to Bolt's own parser unchanged.
 * A malformed escape ({@code %zz}) in a command's body throws {@link IllegalArgumentException}, as
 * Bolt's decoder does.
 */
public final class SlashCommandForm {

    private SlashCommandForm() {
    }

    /**
     * The command this body carries, or empty when it carries none (JSON, an interactivity payload, or
     * no {@code command} with a value).
     *
     * @throws IllegalArgumentException when a pair's escaping is malformed
     */
    public static Optional<SlashCommandPayload> read(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        char first = body.trim().charAt(0);
        if (first == '{' || first == '[') {
            return Optional.empty();
        }
        SlashCommandPayload p = new SlashCommandPayload();
        boolean command = false;
        IllegalArgumentException malformed = null;
        for (int start = 0; start <= body.length(); ) {
            int end = body.indexOf('&', start);
            if (end < 0) {
                end = body.length();
            }
            // as Bolt's pair.split("="): trailing '='s drop out, then exactly one '=' with a value after it
            int last = end;
            while (last > start && body.charAt(last - 1) == '=') {
                last--;
            }
            int eq = body.indexOf('=', start);
            boolean onePair = eq >= start && eq < last && body.lastIndexOf('=', last - 1) == eq;
            int pairEnd = last;
            int pairStart = start;
            start = end + 1;
            if (!onePair) {
                continue;
            }
            String name;
            String value;
            try {
                name = decode(body.substring(pairStart, eq).trim().replace("\n", ""));
                value = decode(body.substring(eq + 1, pairEnd));
            } catch (IllegalArgumentException e) {
                // an interactivity payload later in the body still makes it not a command, as in Bolt
                malformed = malformed == null ? e : malformed;
                continue;
            }
            switch (name) {
                case "payload" -> {
                    return Optional.empty();
                }
                case "command" -> {
                    p.setCommand(value);
                    command = true;
                }
                case "token" -> p.setToken(value);
                case "team_id" -> p.setTeamId(value);
                case "team_domain" -> p.setTeamDomain(value);
                case "enterprise_id" -> p.setEnterpriseId(value);
                case "enterprise_name" -> p.setEnterpriseName(value);
                case "api_app_id" -> p.setApiAppId(value);
                case "channel_id" -> p.setChannelId(value);
                case "channel_name" -> p.setChannelName(value);
                case "user_id" -> p.setUserId(value);
                case "user_name" -> p.setUserName(value);
                case "text" -> p.setText(value);
                case "response_url" -> p.setResponseUrl(value);
                case "trigger_id" -> p.setTriggerId(value);
                case "is_enterprise_install" -> p.setEnterpriseInstall(value.trim().toLowerCase(Locale.ENGLISH).equals("true"));
                default -> {
                }
            }
        }
        if (malformed != null) {
            throw malformed;
        }
        return command ? Optional.of(p) : Optional.empty();
    }

    private static String decode(String s) {
        // URLDecoder throws IllegalArgumentException itself for a malformed escape
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
