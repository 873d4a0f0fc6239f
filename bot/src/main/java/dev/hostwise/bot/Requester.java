package dev.hostwise.bot;

/**
 * Who asked for a verdict, and where: stored with it so a reviewer can see where a decision came from.
 *
 * @param platform     the surface the question came through
 * @param workspace    the chat workspace (a Slack team ID), when from a chat platform
 * @param conversation the chat conversation (a Slack channel ID), when from a chat platform and asked in one
 * @param user         the platform's user ID (or the command line's user name), when known
 */
public record Requester(Platform platform, String workspace, String conversation, String user) {

    public static Requester cli() {
        return new Requester(Platform.CLI, null, null, System.getProperty("user.name"));
    }

    public static Requester api() {
        return new Requester(Platform.API, null, null, null);
    }

    public static Requester web() {
        return new Requester(Platform.WEB, null, null, null);
    }

    /** Someone on a chat platform: in a workspace, in a conversation (null when asked outside one), as a user. */
    public static Requester chat(Platform platform, String workspace, String conversation, String user) {
        return new Requester(platform, workspace, conversation, user);
    }

    /**
     * Where it came from, in words: "Slack user U123 in channel C456 (workspace T789)", "the command
     * line (user ann)", "the API", "the web form".
     */
    public String inWords() {
        if (platform.chat()) {
            return platform.displayName() + " user " + orUnknown(user) + " in " + platform.conversationWord() + " "
                    + orUnknown(conversation) + " (" + platform.workspaceWord() + " " + orUnknown(workspace) + ")";
        }
        if (user == null) {
            return platform.displayName();
        }
        return platform.displayName() + " (" + (platform == Platform.CLI ? "user " : "") + user + ")";
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}
