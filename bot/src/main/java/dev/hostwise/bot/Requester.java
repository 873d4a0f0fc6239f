package dev.hostwise.bot;

/**
 * Who asked for a verdict, and where: stored with it so a reviewer can see where a decision came from.
 *
 * @param source  {@code slack}, {@code cli}, {@code api} or {@code web}
 * @param team    Slack team ID, when from Slack
 * @param channel Slack channel ID, when from Slack
 * @param user    Slack user ID (or another front end's user name), when known
 */
public record Requester(String source, String team, String channel, String user) {

    public static Requester cli() {
        return new Requester("cli", null, null, System.getProperty("user.name"));
    }

    public static Requester api() {
        return new Requester("api", null, null, null);
    }

    public static Requester web() {
        return new Requester("web", null, null, null);
    }

    public static Requester slack(String team, String channel, String user) {
        return new Requester("slack", team, channel, user);
    }
}
