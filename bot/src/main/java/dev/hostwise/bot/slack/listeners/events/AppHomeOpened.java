package dev.hostwise.bot.slack.listeners.events;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.delivery.SlackMethods;
import dev.hostwise.bot.slack.blocks.HomeTab;

/** The user opened the app's Home tab: publish the policy, the active rules revision and the form button. */
public final class AppHomeOpened implements BoltEventHandler<AppHomeOpenedEvent> {

    private final SlackParts parts;
    private final HomeTab home = new HomeTab();

    public AppHomeOpened(SlackParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent event = payload.getEvent();
        if (!"home".equals(event.getTab()) || !parts.keys().claim("event:" + payload.getEventId())) {
            return ctx.ack();
        }
        String revision = parts.hostwise().decider().activePolicy().revision();
        parts.work().offer("App Home for " + event.getUser(), () -> parts.api().call("views.publish", "App Home of " + event.getUser(),
                SlackMethods.viewsPublish(event.getUser(), home.build(revision, parts.hostwise().catalog().date()))));
        return ctx.ack();
    }
}
