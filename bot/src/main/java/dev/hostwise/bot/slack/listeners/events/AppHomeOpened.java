package dev.hostwise.bot.slack.listeners.events;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.hostwise.bot.conversation.Admission;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.delivery.SlackMethods;
import dev.hostwise.bot.slack.blocks.HomeTab;
import dev.hostwise.bot.slack.listeners.Busy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The user opened the app's Home tab: publish the policy, the active rules revision and the form button. */
public final class AppHomeOpened implements BoltEventHandler<AppHomeOpenedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AppHomeOpened.class);

    private final SlackParts parts;
    private final HomeTab home = new HomeTab();

    public AppHomeOpened(SlackParts parts) {
        this.parts = parts;
    }

    /** The user's five most recent verdicts, linked to their pages; none when the store is down. */
    private List<String> recentOf(String user) {
        return parts.conversation().recentVerdicts(user, 5).stream()
                .map(s -> "• " + parts.pageOf(s.linkToken()).map(link -> "<" + link + "|*" + s.id() + "*>").orElse("*" + s.id() + "*")
                        + " · " + s.recommendation().headline() + " · <!date^" + s.createdAt().getEpochSecond()
                        + "^{date_short_pretty}|" + s.createdAt().toString().substring(0, 10) + ">")
                .toList();
    }

    @Override
    public Response apply(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent event = payload.getEvent();
        if (!"home".equals(event.getTab())) {
            return ctx.ack();
        }
        var policy = parts.hostwise().decider().activePolicy();
        String user = event.getUser();
        Admission a = parts.conversation().offer(parts.conversation().key("event", payload.getEventId()), "App Home for " + user,
                () -> parts.api().call("views.publish", "App Home of " + user,
                        SlackMethods.viewsPublish(user, home.build(policy.revision(), policy.conditions(), parts.hostwise().catalog().date(),
                                recentOf(user)))));
        if (a == Admission.BUSY) {
            // not acknowledged, Slack delivers the event again in a while, when there may be room
            LOG.info("no room to publish the App Home of {} now; Slack will send the event again", user);
            return Busy.unavailable();
        }
        return ctx.ack();
    }
}
