package dev.hostwise.bot.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.bot.store.VerdictSummary;
import java.util.Optional;

/**
 * "Superseded by HW-…", at the top of an old verdict's page and ADR, and as {@code supersededBy} in its
 * JSON: the newest verdict that re-decided it, when, and why ("inputs changed: catalog of … → …" when
 * the watch did it, "re-evaluated on request" from the page's button). The page's banner is in
 * {@code verdict.jte}.
 */
final class SupersededNotice {

    private SupersededNotice() {
    }

    /** The newest verdict that superseded this one, if any. */
    static Optional<VerdictSummary> newest(VerdictView view) {
        return view.supersededBy().isEmpty() ? Optional.empty() : Optional.of(view.supersededBy().get(view.supersededBy().size() - 1));
    }

    /** The ADR's line under its front matter; nothing when the verdict stands. */
    static void adr(StringBuilder md, VerdictView view, String link) {
        newest(view).ifPresent(newer -> {
            String base = link.contains("/v/") ? link.substring(0, link.lastIndexOf("/v/")) : link;
            md.append("> **Superseded by ").append(newer.id()).append("** on ").append(newer.createdAt().toString(), 0, 10)
                    .append(newer.supersedeReason().map(r -> ": " + VerdictAdr.text(sentence(r))).orElse("."))
                    .append(" See ").append(base).append("/v/").append(newer.linkToken()).append("\n\n");
        });
    }

    /** A reason as a sentence: "re-evaluated on request" ends in a full stop. */
    static String sentence(String s) {
        return s.endsWith(".") ? s : s + ".";
    }

    /** {@code supersededBy: {id, at, reason}} added to the verdict JSON as served; absent when it stands. */
    static void json(ObjectNode verdict, VerdictView view) {
        newest(view).ifPresent(newer -> {
            ObjectNode by = verdict.putObject("supersededBy");
            by.put("id", newer.id());
            by.put("at", newer.createdAt().toString());
            newer.supersedeReason().ifPresentOrElse(r -> by.put("reason", r), () -> by.putNull("reason"));
        });
    }
}
