package dev.hostwise.bot.web;

import static dev.hostwise.bot.web.Html.esc;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.pool.Pools;
import dev.hostwise.bot.render.HowSure;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.rules.Pooling;
import dev.hostwise.rules.facts.Format;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /pool}: for admins, the teams whose pooled demand would clear the break-even together, each
 * pool decided, stored and shown with its members and what each would save. Behind
 * {@code HOSTWISE_ADMIN_TOKEN}: as a bearer token, or as the password of the browser's sign-in prompt
 * (HTTP Basic, any user name), since the page shows other teams' volumes and costs.
 */
public final class PoolRoutes implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(PoolRoutes.class);

    private final Hostwise hostwise;
    private final WebSettings settings;

    public PoolRoutes(Hostwise hostwise, WebSettings settings) {
        this.hostwise = hostwise;
        this.settings = settings;
    }

    @Override
    public void register(RoutingHandler routing) {
        routing.get("/pool", this::show);
    }

    private void show(HttpServerExchange ex) {
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        if (settings.adminToken().isEmpty()) {
            HttpResponses.send(ex, 403, "text/html; charset=utf-8", PageLayout.page("Pools · Hostwise", settings.formAtRoot(),
                    "<h1>Pools are for admins</h1>\n<p class=\"lead\">This server has no admin token: set HOSTWISE_ADMIN_TOKEN "
                            + "to open this page to its holders.</p>\n"));
            return;
        }
        if (!admin(ex)) {
            ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"Hostwise admins\", charset=\"UTF-8\"");
            HttpResponses.send(ex, 401, "text/html; charset=utf-8", PageLayout.page("Pools · Hostwise", settings.formAtRoot(),
                    "<h1>Sign in as an admin</h1>\n<p class=\"lead\">Use the admin token (HOSTWISE_ADMIN_TOKEN) as the password, "
                            + "or send it as <code>Authorization: Bearer …</code>.</p>\n"));
            return;
        }
        Pools.Found found;
        try {
            found = new Pools(hostwise, hostwise.watchWindow()).find(Requester.web());
        } catch (StoreUnavailableException e) {
            LOG.warn("GET /pool: {}", e.getMessage());
            ex.getResponseHeaders().put(Headers.RETRY_AFTER, "30");
            HttpResponses.send(ex, 503, "text/html; charset=utf-8", PageLayout.page("Verdict store unavailable · Hostwise",
                    settings.formAtRoot(), "<h1>Verdict store unavailable</h1>\n<p class=\"lead\">Pools are found among stored "
                            + "verdicts; try again in a minute.</p>\n"));
            return;
        }
        HttpResponses.send(ex, 200, "text/html; charset=utf-8", PageLayout.page("Pools · Hostwise", settings.formAtRoot(), html(found)));
    }

    /** The page's body: self-contained, so a template can take it whole. */
    static String html(Pools.Found found) {
        StringBuilder b = new StringBuilder(8_192);
        b.append("<h1>Pools <span class=\"sub\">the volume no single team has</span></h1>\n<p class=\"lead\" id=\"pool-summary\">")
                .append(esc(found.pools().size() + (found.pools().size() == 1 ? " pool" : " pools") + " among " + found.candidates()
                        + " candidates (PRIVACY and QUALITY hold, VOLUME fails) in " + found.lookedAt()
                        + " current verdicts from the last " + found.days() + " days."))
                .append("</p>\n");
        for (Pools.Shown s : found.pools()) {
            Pooling.Pool p = s.pool();
            b.append("<section class=\"pool\" id=\"pool-").append(esc(s.stored().id())).append("\">\n<h2><a href=\"/v/")
                    .append(esc(s.stored().linkToken())).append("\">").append(esc(s.stored().id())).append("</a>: ")
                    .append(esc(p.verdict().recommendation().headline())).append(" for ").append(p.group().members().size())
                    .append(" verdicts on ").append(esc(p.group().openModelName())).append("</h2>\n");
            if (p.verdict().pool() != null) {
                b.append("<p class=\"notice ").append(p.verdict().pool().recommended() ? "pool-recommended" : "pool-not-recommended")
                        .append("\"><strong>").append(p.verdict().pool().recommended() ? "Pool recommended." : "Pool not recommended.")
                        .append("</strong> ").append(esc(p.verdict().pool().reason())).append("</p>\n");
            }
            b.append("<p>Together: ").append(esc(Format.count(p.verdict().scenario().requestsPerDay()))).append(" requests a day, ")
                    .append(esc(Format.usd(p.verdict().figures().hostedPerDay()))).append(" a day on their hosted APIs, ")
                    .append(esc(Format.usd(p.verdict().figures().selfHostPerDay()))).append(" a day self-hosted all-in. ")
                    .append(esc(HowSure.line(p.verdict()).orElse(""))).append("</p>\n");
            if (p.moreVolumeNeeded() != null) {
                b.append("<p class=\"short\">Still short: about ").append(esc(Format.count(p.moreVolumeNeeded())))
                        .append(" more requests a day to break even.</p>\n");
            }
            b.append("<table class=\"figures\">\n<thead><tr><th scope=\"col\">Verdict</th><th scope=\"col\">Asked from</th>")
                    .append("<th scope=\"col\">Alone</th><th scope=\"col\">Hosted per day</th><th scope=\"col\">Share of the pool</th>")
                    .append("<th scope=\"col\">Saving per day</th></tr></thead>\n<tbody>\n");
            for (Pooling.MemberSaving m : p.savings()) {
                StoredVerdict member = s.members().get(m.id());
                b.append("<tr><th scope=\"row\">").append(member == null ? esc(m.id())
                                : "<a href=\"/v/" + esc(member.linkToken()) + "\">" + esc(m.id()) + "</a>")
                        .append("</th><td>").append(esc(member == null ? m.team() : member.requester().inWords()))
                        .append("</td><td>").append(esc(member == null ? "" : member.verdict().recommendation().headline()))
                        .append("</td><td class=\"value\">").append(esc(Format.usd(m.hostedPerDay())))
                        .append("</td><td class=\"value\">").append(esc(Format.usd(m.shareOfPoolPerDay())))
                        .append("</td><td class=\"value\">").append(esc(Format.usd(m.saving()))).append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n</section>\n");
        }
        b.append("<p class=\"hint\">Each pool is one scenario: the members' volumes added up, their daily profiles weighted by volume, ")
                .append("the sum of their hosted bills, one on-call rotation at the largest member's budget, and the strictest latency ")
                .append("target; decided with the same rules and catalog, and stored so it can be cited.</p>\n");
        return b.toString();
    }

    /** The admin token as a bearer token, or as a Basic password; compared in constant time. */
    private boolean admin(HttpServerExchange ex) {
        String header = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        String given = "";
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = header.substring(7).trim();
        } else if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                given = pair.contains(":") ? pair.substring(pair.indexOf(':') + 1) : "";
            } catch (IllegalArgumentException notBase64) {
                given = "";
            }
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), settings.adminToken().get().getBytes(StandardCharsets.UTF_8));
    }
}
