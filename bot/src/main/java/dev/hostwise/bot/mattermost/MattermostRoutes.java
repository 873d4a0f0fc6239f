package dev.hostwise.bot.mattermost;

import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.mattermost.routes.ActionRoute;
import dev.hostwise.bot.mattermost.routes.CommandRoute;
import dev.hostwise.bot.mattermost.routes.DialogRoute;
import io.undertow.server.RoutingHandler;

/**
 * Where Mattermost reaches Hostwise: the slash command's Request URL, the dialog's {@code url} and the
 * buttons' integration {@code url}. One handler per kind of request.
 */
public record MattermostRoutes(MattermostParts parts) implements Routes {

    public static final String COMMAND = "/mattermost/command";
    public static final String DIALOG = "/mattermost/dialog";
    public static final String ACTION = "/mattermost/action";

    @Override
    public void register(RoutingHandler routing) {
        routing.post(COMMAND, new CommandRoute(parts));
        routing.post(DIALOG, new DialogRoute(parts));
        routing.post(ACTION, new ActionRoute(parts));
    }
}
