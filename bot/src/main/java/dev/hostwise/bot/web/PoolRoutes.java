package dev.hostwise.bot.web;

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
import dev.hostwise.bot.web.view.MessagePageModel;
import dev.hostwise.bot.web.view.PageFrame;
import dev.hostwise.bot.web.view.PoolPageModel;
import dev.hostwise.bot.web.view.PoolPageModel.MemberRow;
import dev.hostwise.bot.web.view.PoolPageModel.PoolModel;
import dev.hostwise.bot.web.view.VerdictLink;
import dev.hostwise.rules.Verdict;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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

    private static final String HTML = "text/html; charset=utf-8";

    private final Hostwise hostwise;
    private final WebSettings settings;
    private final Pages pages = new Pages();

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
            HttpResponses.send(ex, 403, HTML, message("Pools are for admins",
                    "This server has no admin token: set HOSTWISE_ADMIN_TOKEN to open this page to its holders."));
            return;
        }
        if (!admin(ex)) {
            ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"Hostwise admins\", charset=\"UTF-8\"");
            HttpResponses.send(ex, 401, HTML, message("Sign in as an admin",
                    "Use the admin token (HOSTWISE_ADMIN_TOKEN) as the password, or send it as the header Authorization: Bearer …"));
            return;
        }
        Pools.Found found;
        try {
            found = new Pools(hostwise, hostwise.watchWindow()).find(Requester.web());
        } catch (StoreUnavailableException e) {
            LOG.warn("GET /pool: {}", e.getMessage());
            ex.getResponseHeaders().put(Headers.RETRY_AFTER, "30");
            HttpResponses.send(ex, 503, HTML, message("Verdict store unavailable",
                    "Pools are found among stored verdicts; try again in a minute."));
            return;
        }
        HttpResponses.send(ex, 200, HTML, pages.pool(model(found, settings.formAtRoot())));
    }

    private String message(String heading, String lead) {
        return pages.message(new MessagePageModel(new PageFrame(heading + " · Hostwise", settings.formAtRoot()), heading, lead,
                List.of()));
    }

    /** Everything the page shows: each pool with its members and what each would save. */
    static PoolPageModel model(Pools.Found found, boolean homeLink) {
        String summary = found.pools().size() + (found.pools().size() == 1 ? " pool" : " pools") + " among " + found.candidates()
                + " candidates (PRIVACY and QUALITY hold, VOLUME fails) in " + found.lookedAt()
                + " current verdicts from the last " + found.days() + " days.";
        List<PoolModel> pools = new ArrayList<>();
        for (Pools.Shown s : found.pools()) {
            Pooling.Pool p = s.pool();
            Verdict v = p.verdict();
            List<MemberRow> members = new ArrayList<>();
            for (Pooling.MemberSaving m : p.savings()) {
                StoredVerdict member = s.members().get(m.id());
                members.add(new MemberRow(Optional.ofNullable(member).map(mv -> new VerdictLink(m.id(), mv.linkToken())), m.id(),
                        member == null ? m.team() : member.requester().inWords(),
                        member == null ? "" : member.verdict().recommendation().headline(),
                        Format.usd(m.hostedPerDay()), Format.usd(m.shareOfPoolPerDay()), Format.usd(m.saving())));
            }
            pools.add(new PoolModel(new VerdictLink(s.stored().id(), s.stored().linkToken()),
                    v.recommendation().headline() + " for " + p.group().members().size() + " verdicts on " + p.group().openModelName(),
                    Optional.ofNullable(v.pool()).map(pool -> pool.recommended()),
                    v.pool() == null ? "" : v.pool().reason(),
                    "Together: " + Format.count(v.scenario().requestsPerDay()) + " requests a day, "
                            + Format.usd(v.figures().hostedPerDay()) + " a day on their hosted APIs, "
                            + Format.usd(v.figures().selfHostPerDay()) + " a day self-hosted all-in.",
                    HowSure.line(v).orElse(""),
                    Optional.ofNullable(p.moreVolumeNeeded()).map(more -> "about " + Format.count(more) + " more requests a day"),
                    members));
        }
        return new PoolPageModel(new PageFrame("Pools · Hostwise", homeLink), summary, pools);
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
