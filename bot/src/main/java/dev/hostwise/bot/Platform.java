package dev.hostwise.bot;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a question came from. Chat platforms have workspaces and conversations (Slack's workspace and
 * channel); the others do not. The {@link #id()} is what the store and the metrics record.
 */
public enum Platform {
    SLACK("slack", "Slack", true, "workspace", "channel"),
    MATTERMOST("mattermost", "Mattermost", true, "team", "channel"),
    CLI("cli", "the command line", false, null, null),
    API("api", "the API", false, null, null),
    WEB("web", "the web form", false, null, null),
    /** A platform this version does not know: a verdict stored by a newer version, read by this one. */
    OTHER("other", "another front end", false, null, null);

    private final String id;
    private final String displayName;
    private final boolean chat;
    private final String workspaceWord;
    private final String conversationWord;

    Platform(String id, String displayName, boolean chat, String workspaceWord, String conversationWord) {
        this.id = id;
        this.displayName = displayName;
        this.chat = chat;
        this.workspaceWord = workspaceWord;
        this.conversationWord = conversationWord;
    }

    /** As stored and counted: {@code slack}, {@code cli}, {@code api}, {@code web}. */
    public String id() {
        return id;
    }

    /** As people read it: "Slack", "the command line". */
    public String displayName() {
        return displayName;
    }

    /** True for a chat platform, whose requesters have a workspace and a conversation. */
    public boolean chat() {
        return chat;
    }

    /** What the platform calls a workspace ("workspace"; Mattermost says "team"); null when it has none. */
    public String workspaceWord() {
        return workspaceWord;
    }

    /** What the platform calls a conversation ("channel"); null when it has none. */
    public String conversationWord() {
        return conversationWord;
    }

    public static Optional<Platform> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    /** The platform of a stored id; {@link #OTHER} for one a newer version wrote. */
    public static Platform stored(String id) {
        return byId(id).orElse(OTHER);
    }
}
