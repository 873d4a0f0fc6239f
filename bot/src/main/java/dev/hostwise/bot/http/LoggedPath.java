package dev.hostwise.bot.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;

/**
 * A request as it may appear in the log: the method and the route template ({@code POST /v/{token}/reevaluate}),
 * never a verdict's link token, which is as good as the verdict itself. A request that matched no route
 * yet (its body is still arriving) shows its path with anything after {@code /v/} masked, cut short and
 * with control characters replaced, so a client cannot write lines of its own into the log.
 */
final class LoggedPath {

    private static final int MAX = 120;

    private LoggedPath() {
    }

    static String of(HttpServerExchange ex) {
        PathTemplateMatch route = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String path = route != null ? route.getMatchedTemplate() : masked(ex.getRequestPath());
        return ex.getRequestMethod() + " " + path;
    }

    static String masked(String path) {
        if (path == null) {
            return "";
        }
        if (path.startsWith("/v/")) {
            return path.endsWith("/reevaluate") ? "/v/{token}/reevaluate" : "/v/{token}";
        }
        StringBuilder out = new StringBuilder(Math.min(path.length(), MAX + 1));
        for (int i = 0; i < path.length() && out.length() < MAX; i++) {
            char c = path.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return path.length() > MAX ? out + "…" : out.toString();
    }
}
