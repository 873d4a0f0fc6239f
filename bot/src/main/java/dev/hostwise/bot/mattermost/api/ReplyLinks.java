package dev.hostwise.bot.mattermost.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What is left of each slash command's reply link. Mattermost makes one per command and takes at most
 * {@value #USES} posts on it within {@link #LIFETIME} (server/channels/app/command.go: {@code
 * CommandWebhook().TryUse(hook.Id, 5)}; server/public/model/command_webhook.go: {@code CommandWebhookLifetime
 * = 1000 * 60 * 30}); past either it answers 400. Knowing that here lets a delivery skip a spent link and go
 * on to a direct message at once, instead of spending retries on a certain refusal. Links this process did
 * not see arrive (after a restart) are counted from their first use. Bounded: the oldest are forgotten.
 */
public final class ReplyLinks {

    public static final int USES = 5;
    public static final Duration LIFETIME = Duration.ofMinutes(30);

    private record Link(Instant created, int used) {
    }

    private final Clock clock;
    private final Map<String, Link> links;

    public ReplyLinks(Clock clock, int capacity) {
        this.clock = clock;
        this.links = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A command arrived with this reply link: its half hour starts now. */
    public synchronized void arrived(String url) {
        if (url != null && !url.isBlank()) {
            links.putIfAbsent(url, new Link(clock.instant(), 0));
        }
    }

    /** Takes one use of the link; empty when it was free, else why it cannot be used any more. */
    public synchronized Optional<String> use(String url) {
        Instant now = clock.instant();
        Link link = links.getOrDefault(url, new Link(now, 0));
        if (link.used() >= USES) {
            return Optional.of("the command's reply link has been used " + USES + " times, all Mattermost allows");
        }
        if (Duration.between(link.created(), now).compareTo(LIFETIME) > 0) {
            return Optional.of("the command's reply link is older than " + LIFETIME.toMinutes() + " minutes, when Mattermost retires it");
        }
        links.put(url, new Link(link.created(), link.used() + 1));
        return Optional.empty();
    }
}
